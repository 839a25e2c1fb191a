import { pack } from './compact';
import type { XeroCache } from './cache';
import { readRecords } from './fast-read';
import type { FastTable } from './fast-read';
import { inTurns } from './in-turns';
import type { EndpointName } from './raw';

/** Ask a pull to read its records as core records of `table` too (and keep their compact form in the cache). */
export type CoreRead = { table: FastTable; baseCurrency: string };

/** `full`: everything again, not only what changed since the last pull. */
export type PullOptions = {
  full?: boolean;
  read?: CoreRead;
  /** Answer from the cache, without calling Xero, when it was fetched at most this long ago (milliseconds). */
  maxAgeMs?: number;
};

/** What a pull leaves in the cache: `records` are read from it on first use; `generation` changes when they do. */
export type PullResult = {
  /** Every record of the endpoint, as cached (Xero's JSON, read from the store on first use). */
  readonly records: unknown[];
  /**
   * Every record, a chunk per turn of the event loop: core records when the pull was asked to read them (from the
   * pull in hand, or the store's compact form), else Xero's JSON.
   */
  inTurns(): AsyncIterable<unknown[]>;
  /**
   * What this pull brought (Xero's JSON): all records when `replaced`, else only those changed since the last pull.
   * A full pull of a large endpoint read as core records keeps only those (`changedRecords`), not Xero's JSON.
   */
  changed: readonly unknown[];
  /** The same as core records, when the pull was asked to read them. */
  changedRecords: readonly unknown[] | null;
  replaced: boolean;
  fetchedAt: string;
  calls: number;
  generation: number;
};

/** What a pull received, read as core records (and packed for the cache) when asked. */
export function readReceived(received: ReadonlyArray<{ id: string; body: unknown }>, read: CoreRead | undefined) {
  if (!read) return { core: null, stored: received.map((r) => ({ ...r, record: null })) };
  const core = readRecords(
    read.table,
    received.map((r) => r.body),
    read.baseCurrency,
  );
  return { core, stored: received.map((r, i) => ({ ...r, record: pack(read.table, core[i]) })) };
}

export function pullResult(
  cache: XeroCache,
  at: { tenantId: string; endpoint: EndpointName; read: CoreRead | undefined },
  pulled: { received: ReadonlyArray<{ id: string; body: unknown }>; core: unknown[] | null; replaced: boolean; fetchedAt: string; calls: number },
): PullResult {
  const { tenantId, endpoint, read } = at;
  let records: unknown[] | null = null;
  const changed = pulled.received.map((r) => r.body);
  return {
    get records() {
      records ??= cache.records(tenantId, endpoint);
      return records;
    },
    // After a full pull the records are in hand; otherwise they come from the store.
    inTurns: () => {
      if (pulled.replaced) return inTurns(pulled.core ?? changed);
      return read ? cache.coreInTurns(tenantId, endpoint, read) : cache.recordsInTurns(tenantId, endpoint);
    },
    changed,
    changedRecords: pulled.core,
    replaced: pulled.replaced,
    fetchedAt: pulled.fetchedAt,
    calls: pulled.calls,
    generation: cache.generation(tenantId, endpoint),
  };
}
