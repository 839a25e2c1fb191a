import path from 'node:path';
import type { Ledger, Organisation } from '../../core/domain';
import type { WriteResult } from '../../core/mapping/writes';
import { ID_FIELDS } from '../xero/fast-read';
import { LedgerCache } from './ledger-cache';
import { tableBytes } from './sizes';
import { folderFingerprint, freezeRecords, ledgerFromSnapshot, smallPartOfSnapshot } from './snapshot-files';
import type { SnapshotStore } from './snapshot-store';
import { LARGE_TABLES } from './snapshot-store';
import type { LargeTable } from './snapshot-store';
import { snapshotWrites } from './snapshot-writes';
import type { OrganisationSource, TableRead } from './source';

export { SnapshotError } from './snapshot-files';

type Small = Pick<Ledger, 'accounts' | 'taxRates' | 'items'>;

/** A source made on its own (tests, scripts) keeps its tables without a budget. */
const UNBOUNDED_MB = 2 ** 32;

export type SnapshotOptions = {
  /** Where the large tables are kept between starts; without it they stay in memory. */
  store?: SnapshotStore;
  ledgers?: LedgerCache;
  now?: Date;
};

/**
 * An organisation served from a snapshot folder. The folder is read and checked once: its large tables (contacts,
 * invoices, credit notes, payments, overpayments, prepayments) are kept in the store in compact form and, on later
 * starts, read from there a chunk per turn of the event loop when first used, and kept in the ledger cache within
 * its budget. Writes (mapping write-back and the like) change this proxy's copy only, never the folder or the
 * store, so every flow can be tried end to end; they last until the proxy stops.
 */
export class SnapshotSource implements OrganisationSource {
  readonly kind = 'snapshot' as const;
  private readonly key: string;
  private readonly loading = new Map<string, Promise<readonly unknown[]>>();
  /** Records this proxy wrote, by table and id: laid over the kept records whenever they are read again. */
  readonly written = new Map<LargeTable, Map<string, object>>();

  private constructor(
    readonly folder: string,
    readonly organisation: Organisation,
    public small: Small,
    private readonly ledgers: LedgerCache,
    private readonly store: SnapshotStore | undefined,
    private readonly loadedAt: string,
  ) {
    this.key = `snapshot\u0000${folder}\u0000${organisation.tenantId}`;
  }

  static load(folder: string, options: SnapshotOptions = {}): SnapshotSource {
    const absolute = path.resolve(folder);
    const now = options.now ?? new Date();
    const ledgers = options.ledgers ?? new LedgerCache(UNBOUNDED_MB);
    const store = options.store;
    const fingerprint = store ? folderFingerprint(absolute) : null;
    if (store && fingerprint) {
      const part = smallPartOfSnapshot(absolute);
      if (store.holds(part.organisation.tenantId, absolute, fingerprint)) {
        const small = { accounts: freezeRecords(part.accounts), taxRates: freezeRecords(part.taxRates), items: freezeRecords(part.items) } as Small;
        return new SnapshotSource(absolute, part.organisation, small, ledgers, store, now.toISOString());
      }
    }
    const ledger = ledgerFromSnapshot(absolute);
    if (store && fingerprint) store.keep(ledger, absolute, fingerprint, now);
    const small = { accounts: freezeRecords(ledger.accounts), taxRates: freezeRecords(ledger.taxRates), items: freezeRecords(ledger.items) } as Small;
    const source = new SnapshotSource(absolute, ledger.organisation, small, ledgers, store, now.toISOString());
    for (const table of LARGE_TABLES) source.keep(table, freezeRecords(ledger[table] as object[]));
    return source;
  }

  private keep(table: LargeTable, records: readonly unknown[]): void {
    this.ledgers.put(this.key, table, records, tableBytes(records));
  }

  remember(name: string, value: unknown, bytes: number): void {
    this.ledgers.put(this.key, name, value, bytes);
  }

  /** Replaces a large table with what a write made of it. */
  replace(table: LargeTable, records: readonly object[], changed: readonly object[]): void {
    const written = this.written.get(table) ?? new Map<string, object>();
    for (const r of changed) written.set(String((r as Record<string, unknown>)[ID_FIELDS[table]]), r);
    this.written.set(table, written);
    this.keep(table, Object.freeze(records));
  }

  readonly writes = snapshotWrites(this);

  usage() {
    return { dayRemaining: null, minuteRemaining: null };
  }

  async read<K extends Exclude<keyof Ledger, 'organisation'>>(table: K): Promise<TableRead<K>> {
    // The same read-only arrays every time (no copies), so reports can keep their index of them.
    if (table === 'accounts' || table === 'taxRates' || table === 'items')
      return { records: this.small[table as keyof Small] as Ledger[K], fetchedAt: this.loadedAt };
    const kept = this.ledgers.get<Ledger[K]>(this.key, table);
    if (kept) return { records: kept, fetchedAt: this.loadedAt };
    let loading = this.loading.get(table);
    if (!loading) {
      loading = this.loadLarge(table as LargeTable).finally(() => this.loading.delete(table));
      this.loading.set(table, loading);
    }
    return { records: (await loading) as Ledger[K], fetchedAt: this.loadedAt };
  }

  /** A large table read again from the store, with this proxy's writes laid over it. */
  private async loadLarge(table: LargeTable): Promise<readonly unknown[]> {
    if (!this.store) throw new Error(`The snapshot's ${table} are neither in memory nor in a store`);
    const written = this.written.get(table);
    const records: object[] = [];
    for await (const chunk of this.store.inTurns(this.organisation.tenantId, table, this.organisation.baseCurrency)) {
      for (const r of chunk as object[]) records.push(r);
    }
    if (written) {
      const idField = ID_FIELDS[table];
      for (let i = 0; i < records.length; i++) records[i] = written.get(String((records[i] as Record<string, unknown>)[idField])) ?? (records[i] as object);
    }
    // Read-only as a table; its records are this table's own, as a Xero organisation's are.
    const frozen = Object.freeze(records);
    this.keep(table, frozen);
    return frozen;
  }

  /** Marks the records of a write (their results) as done for its key: see ./snapshot-writes.ts. */
  readonly done = new Map<string, WriteResult[]>();
}
