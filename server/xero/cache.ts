import type { Db } from '../storage/db';
import { unpackAll } from './compact';
import { readRecords } from './fast-read';
import type { CoreRead } from './pull-result';
import type { EndpointName } from './raw';
import { inTurn } from '../turns';

export type CacheState = { fetchedAt: string; modifiedSince: string | null };
type Row = { id: string; body: unknown; record: string | null };
/** A stored row as read: Xero's JSON (null where only the compact form was asked for and is there), the compact form, the position. */
type CachedRow = [body: string | null, record: string | null, seq: number];
/** `sharedVersion`: the version of the proxies' shared pull cache these records are a copy of (PostgreSQL only). */
type StateUpdate = { fetchedAt: string; modifiedSince: string | null; sharedVersion?: number };

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The pull cache: each endpoint's raw Xero records (exactly as Xero sent them, for snapshot recordings), by
 * organisation and id, so a refresh asks Xero only for what changed and merges it in by id; and for the large
 * tables each record's compact core form (see ./compact.ts), which is what reads use. Rows carry a generation: the
 * current one is named in the endpoint's state, and a full pull writes the next one page by page (see `replacing`).
 */
export class XeroCache {
  /** Bumped whenever an endpoint's records change, so readers can keep what they built from the last ones. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /** Which version of an endpoint's records this process holds: equal numbers mean the same records. */
  generation(tenantId: string, endpoint: EndpointName): number {
    return this.generations.get(`${tenantId}\u0000${endpoint}`) ?? 0;
  }

  private changed(tenantId: string, endpoint: EndpointName): void {
    const k = `${tenantId}\u0000${endpoint}`;
    this.generations.set(k, (this.generations.get(k) ?? 0) + 1);
  }

  state(tenantId: string, endpoint: EndpointName): CacheState | null {
    const row = this.db.prepare('SELECT fetched_at, modified_since FROM xero_cache_state WHERE tenant_id = ? AND endpoint = ?').get(tenantId, endpoint) as
      { fetched_at: string; modified_since: string | null } | undefined;
    return row ? { fetchedAt: row.fetched_at, modifiedSince: row.modified_since } : null;
  }

  /** The version of the proxies' shared pull cache this copy holds (0: none yet). */
  sharedVersion(tenantId: string, endpoint: EndpointName): number {
    const row = this.db.prepare('SELECT shared_version FROM xero_cache_state WHERE tenant_id = ? AND endpoint = ?').get(tenantId, endpoint) as
      { shared_version: number } | undefined;
    return row?.shared_version ?? 0;
  }

  /** The generation of the endpoint's rows that readers see. */
  private current(tenantId: string, endpoint: EndpointName): number {
    const row = this.db.prepare('SELECT gen FROM xero_cache_state WHERE tenant_id = ? AND endpoint = ?').get(tenantId, endpoint) as { gen: number } | undefined;
    return row?.gen ?? 0;
  }

  /** The raw records, in the order Xero first sent them. */
  records(tenantId: string, endpoint: EndpointName): unknown[] {
    const rows = this.db
      .prepare('SELECT body FROM xero_cache WHERE tenant_id = ? AND endpoint = ? AND gen = ? ORDER BY seq')
      .all(tenantId, endpoint, this.current(tenantId, endpoint)) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as unknown);
  }

  /**
   * Rows in Xero's order, a chunk per turn of the event loop (a query per chunk, by position, so no statement stays
   * open meanwhile). `body: 'without-record'` hands Xero's JSON over only for rows without a compact form, so that a
   * 100,000-invoice organisation's raw JSON (about 190 MB) is not made into strings only to be dropped. (SQLite still
   * reads past it to reach the compact form stored after it in the row.)
   */
  private async *rowsInTurns(tenantId: string, endpoint: EndpointName, size: number, body: 'all' | 'without-record'): AsyncGenerator<CachedRow[]> {
    const gen = this.current(tenantId, endpoint);
    const columns = body === 'all' ? 'body, record' : 'CASE WHEN record IS NULL THEN body END AS body, record';
    // Rows as arrays, not objects: a third quicker to read a 100,000-invoice table.
    const page = this.db
      .prepare(`SELECT ${columns}, seq FROM xero_cache WHERE tenant_id = ? AND endpoint = ? AND gen = ? AND seq > ? ORDER BY seq LIMIT ?`)
      .raw();
    for (let after = -Infinity; ;) {
      // Each chunk is read, and then made into records by the caller, in a turn of its own (server/turns.ts).
      const from = after;
      const rows = await inTurn(() => page.all(tenantId, endpoint, gen, from, size) as CachedRow[]);
      if (rows.length === 0) return;
      after = (rows[rows.length - 1] as CachedRow)[2];
      yield rows;
    }
  }

  /** The raw records in chunks, in the same order, each chunk read and parsed in its own turn of the event loop. */
  async *recordsInTurns(tenantId: string, endpoint: EndpointName, size = 2000): AsyncGenerator<unknown[]> {
    for await (const rows of this.rowsInTurns(tenantId, endpoint, size, 'all')) yield rows.map(([body]) => JSON.parse(body as string) as unknown);
  }

  /**
   * The records as core records, a chunk per turn of the event loop: from their compact form (one parse per chunk),
   * or, for records stored before the cache kept it, from Xero's JSON through the fast reader.
   */
  async *coreInTurns(tenantId: string, endpoint: EndpointName, read: CoreRead, size = 2000): AsyncGenerator<unknown[]> {
    for await (const rows of this.rowsInTurns(tenantId, endpoint, size, 'without-record')) {
      yield rows.every(([, record]) => record !== null)
        ? unpackAll(
            read.table,
            rows.map(([, record]) => record as string),
          )
        : rows.map(([body, record]) =>
            record !== null ? unpackAll(read.table, [record])[0] : readRecords(read.table, [JSON.parse(body as string)], read.baseCurrency)[0],
          );
    }
  }

  count(tenantId: string, endpoint: EndpointName): number {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM xero_cache WHERE tenant_id = ? AND endpoint = ? AND gen = ?')
        .get(tenantId, endpoint, this.current(tenantId, endpoint)) as { n: number }
    ).n;
  }

  /** Rows merged by id into a generation, numbered on from its last position. */
  private put(tenantId: string, endpoint: EndpointName, gen: number, records: readonly Row[]): void {
    const last = this.db
      .prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM xero_cache WHERE tenant_id = ? AND endpoint = ? AND gen = ?')
      .get(tenantId, endpoint, gen) as {
      seq: number;
    };
    let seq = last.seq;
    const upsert = this.db.prepare(
      `INSERT INTO xero_cache (tenant_id, endpoint, gen, record_id, seq, body, record) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, endpoint, gen, record_id) DO UPDATE SET body = excluded.body, record = excluded.record`,
    );
    for (const r of records) upsert.run(tenantId, endpoint, gen, r.id, ++seq, JSON.stringify(r.body), r.record);
  }

  private setState(tenantId: string, endpoint: EndpointName, gen: number, state: StateUpdate): void {
    this.db
      .prepare(
        `INSERT INTO xero_cache_state (tenant_id, endpoint, fetched_at, modified_since, gen, shared_version) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, endpoint) DO UPDATE SET fetched_at = excluded.fetched_at, modified_since = excluded.modified_since, gen = excluded.gen,
           shared_version = CASE WHEN ? THEN excluded.shared_version ELSE xero_cache_state.shared_version END`,
      )
      .run(tenantId, endpoint, state.fetchedAt, state.modifiedSince, gen, state.sharedVersion ?? 0, state.sharedVersion === undefined ? 0 : 1);
  }

  /**
   * Stores what a pull returned, in one transaction: `replace` drops what was there (a full pull of a small
   * endpoint, a snapshot's tables), otherwise records are merged by id (a pull of what changed since the last one).
   */
  store(tenantId: string, endpoint: EndpointName, records: readonly Row[], options: StateUpdate & { replace: boolean }): void {
    this.db
      .transaction(() => {
        const gen = this.current(tenantId, endpoint);
        if (options.replace) this.db.prepare('DELETE FROM xero_cache WHERE tenant_id = ? AND endpoint = ?').run(tenantId, endpoint);
        this.put(tenantId, endpoint, gen, records);
        this.setState(tenantId, endpoint, gen, options);
      })
      .immediate();
    if (options.replace || records.length > 0) this.changed(tenantId, endpoint);
  }

  /**
   * A full pull of a large endpoint, page by page: each page is stored (in its own short transaction) as the next
   * generation, which readers do not see until `finish` makes it current in one step; the old generation is then
   * deleted a chunk per turn. Left unfinished (Xero failed half-way), the pages stay unseen and the next full pull
   * clears them first.
   */
  async replacing(tenantId: string, endpoint: EndpointName) {
    const old = this.current(tenantId, endpoint);
    const next = old + 1;
    await this.dropInTurns(tenantId, endpoint, next);
    return {
      page: (records: readonly Row[]) => this.db.transaction(() => this.put(tenantId, endpoint, next, records)).immediate(),
      finish: async (state: StateUpdate) => {
        this.db.transaction(() => this.setState(tenantId, endpoint, next, state)).immediate();
        this.changed(tenantId, endpoint);
        await this.dropInTurns(tenantId, endpoint, old);
      },
    };
  }

  /** Deletes a generation's rows, a chunk per turn of the event loop. */
  private async dropInTurns(tenantId: string, endpoint: EndpointName, gen: number, size = 5000): Promise<void> {
    const drop = this.db.prepare(
      'DELETE FROM xero_cache WHERE rowid IN (SELECT rowid FROM xero_cache WHERE tenant_id = ? AND endpoint = ? AND gen = ? LIMIT ?)',
    );
    while (drop.run(tenantId, endpoint, gen, size).changes > 0) await tick();
  }
}
