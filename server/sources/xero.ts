import type { Ledger, Organisation } from '../../core/domain';
import { endpointOfTable, tableFromRaw } from '../xero/deserialize';
import { hasFastReader, ID_FIELDS } from '../xero/fast-read';
import type { XeroGateway } from '../xero/gateway';
import { endpoints } from '../xero/raw';
import { mergeById } from '../../core/reports/lineage';
import type { ContactDefaults } from '../../core/mapping/writes';
import { LedgerCache } from './ledger-cache';
import { positionsBytes, tableBytes } from './sizes';
import type { OrganisationSource, OrganisationWrites, ReadOptions, TableRead } from './source';

/** A source made on its own (tests, benchmarks) keeps its tables without a budget. */
const UNBOUNDED_MB = 2 ** 32;

/** A table as last read: its records (read-only), by the cache generation they came from, and each record's place by id. */
type Parsed = { generation: number; records: readonly unknown[]; positions: Map<string, number> | null; bytes?: number };

/**
 * What a merged table takes: the kept table's bytes, plus the changed records measured, less the records they
 * replaced at the kept table's average (measuring all 100,000 invoices again would cost ~20 ms a refresh).
 */
function mergedBytes(kept: Parsed, changed: readonly unknown[], length: number): number {
  const keptBytes = kept.bytes ?? tableBytes(kept.records);
  const replaced = changed.length - (length - kept.records.length);
  const average = kept.records.length === 0 ? 0 : (keptBytes - tableBytes([])) / kept.records.length;
  return Math.round(keptBytes + tableBytes(changed) - tableBytes([]) - replaced * average);
}

/** Records read in turns appended to the table being built (its one array grows in place until it is frozen). */
function appendById(built: Parsed, records: readonly unknown[], idField: string): void {
  const list = built.records as unknown[];
  const positions = built.positions as Map<string, number>;
  for (const r of records) {
    const id = String((r as Record<string, unknown>)[idField]);
    const at = positions.get(id);
    if (at === undefined) {
      positions.set(id, list.length);
      list.push(r);
    } else list[at] = r;
  }
}

/** An organisation read live from Xero through one connection, with the pull cache in between. */
export class XeroSource implements OrganisationSource {
  readonly kind = 'xero' as const;
  /**
   * Each table as last parsed, by the cache generation it came from, is kept in the ledger cache (within its
   * budget). A refresh that finds nothing changed hands back the same (read-only) array, so what is built from
   * it — the reports' ledger index, the mapping lookups — is built once per change in Xero, not once per request.
   */
  private readonly key: string;

  constructor(
    private readonly gateway: XeroGateway,
    private readonly connectionId: string,
    readonly organisation: Organisation,
    private readonly ledgers: LedgerCache = new LedgerCache(UNBOUNDED_MB),
  ) {
    this.key = `xero\u0000${connectionId}\u0000${organisation.tenantId}`;
  }

  private keep(table: string, parsed: Parsed): void {
    const bytes = parsed.bytes ?? tableBytes(parsed.records);
    this.ledgers.put(this.key, table, { ...parsed, bytes }, bytes + positionsBytes(parsed.positions?.size ?? 0));
  }

  remember(name: string, value: unknown, bytes: number): void {
    this.ledgers.put(this.key, name, value, bytes);
  }

  async read<K extends Exclude<keyof Ledger, 'organisation'>>(table: K, options: ReadOptions = {}): Promise<TableRead<K>> {
    const endpoint = endpointOfTable[table];
    const read = hasFastReader(table) ? { table, baseCurrency: this.organisation.baseCurrency } : undefined;
    const pulled = await this.gateway.pull(this.connectionId, this.organisation.tenantId, endpoint, {
      full: options.full === true,
      ...(options.maxAgeMs === undefined ? {} : { maxAgeMs: options.maxAgeMs }),
      ...(read ? { read } : {}),
    });
    const kept = this.ledgers.get<Parsed>(this.key, table);
    if (kept && kept.generation === pulled.generation) return { records: kept.records as Ledger[K], fetchedAt: pulled.fetchedAt };
    // What changed since the records kept here: only those are read and merged in by id (in time with what changed).
    if (kept && kept.positions && !pulled.replaced && pulled.generation === kept.generation + 1 && hasFastReader(table)) {
      const idField = ID_FIELDS[table];
      const changed = pulled.changedRecords as Record<string, unknown>[];
      const records = mergeById(kept.records as Record<string, unknown>[], kept.positions, changed, (r) => String(r[idField]));
      this.keep(table, { records, positions: kept.positions, generation: pulled.generation, bytes: mergedBytes(kept, changed, records.length) });
      return { records: records as unknown as Ledger[K], fetchedAt: pulled.fetchedAt };
    }
    if (hasFastReader(table)) {
      // Everything again (a first read, or a full pull): a chunk per turn of the event loop, so no request waits for
      // 100,000 records to be read at once. Their shape was checked when they arrived from Xero.
      let built: Parsed = { generation: pulled.generation, records: [], positions: new Map() };
      for await (const chunk of pulled.inTurns()) appendById(built, chunk, ID_FIELDS[table]);
      built = { ...built, records: Object.freeze(built.records) };
      this.keep(table, built);
      return { records: built.records as Ledger[K], fetchedAt: pulled.fetchedAt };
    }
    const body = { [endpoints[endpoint].key]: pulled.records };
    const records = Object.freeze(tableFromRaw(table, body, this.organisation.baseCurrency)) as Ledger[K];
    this.keep(table, { generation: pulled.generation, records, positions: null });
    return { records, fetchedAt: pulled.fetchedAt };
  }

  readonly writes: OrganisationWrites = {
    updateContactDefaults: (changes: readonly ContactDefaults[], key: string) =>
      this.gateway.updateContactDefaults(this.connectionId, this.organisation.tenantId, changes, key),
    setPaymentsEnabled: (accountId: string, enabled: boolean, key: string) =>
      this.gateway.setPaymentsEnabled(this.connectionId, this.organisation.tenantId, accountId, enabled, key),
    createTaxRate: (rate: { name: string; percent: string }, key: string) =>
      this.gateway.createTaxRate(this.connectionId, this.organisation.tenantId, rate, key),
  };

  usage() {
    return this.gateway.usage(this.organisation.tenantId);
  }
}
