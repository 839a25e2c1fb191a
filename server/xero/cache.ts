import type { Db } from '../storage/db';
import { unpackAll } from './compact';
import { readRecords } from './fast-read';
import type { CoreRead } from './pull-result';
import type { EndpointName } from './raw';

export type CacheState = { fetchedAt: string; modifiedSince: string | null };

/**
 * The pull cache: each endpoint's raw Xero records (exactly as Xero sent them, for snapshot recordings), by
 * organisation and id, so a refresh asks Xero only for what changed and merges it in by id; and for the large
 * tables each record's compact core form (see ./compact.ts), which is what reads use.
 */
export class XeroCache {
  /** Bumped whenever an endpoint's records change, so readers can keep what they built from the last ones. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /** Which version of an endpoint's records this process holds: equal numbers mean the same records. */
  generation(tenantId: string, endpoint: EndpointName): number {
    return this.generations.get(`${tenantId}\u0000${endpoint}`) ?? 0;
  }

  state(tenantId: string, endpoint: EndpointName): CacheState | null {
    const row = this.db.prepare('SELECT fetched_at, modified_since FROM xero_cache_state WHERE tenant_id = ? AND endpoint = ?').get(tenantId, endpoint) as
      { fetched_at: string; modified_since: string | null } | undefined;
    return row ? { fetchedAt: row.fetched_at, modifiedSince: row.modified_since } : null;
  }

  /** The raw records, in the order Xero first sent them. */
  records(tenantId: string, endpoint: EndpointName): unknown[] {
    const rows = this.db.prepare('SELECT body FROM xero_cache WHERE tenant_id = ? AND endpoint = ? ORDER BY seq').all(tenantId, endpoint) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as unknown);
  }

  /**
   * The raw records in chunks, in the same order, each chunk read and parsed in its own turn of the event loop
   * (a query per chunk, by position, so no statement stays open while other requests use the store).
   */
  async *recordsInTurns(tenantId: string, endpoint: EndpointName, size = 2000): AsyncGenerator<unknown[]> {
    const page = this.db.prepare('SELECT seq, body FROM xero_cache WHERE tenant_id = ? AND endpoint = ? AND seq > ? ORDER BY seq LIMIT ?');
    for (let after = -Infinity; ;) {
      const rows = page.all(tenantId, endpoint, after, size) as { seq: number; body: string }[];
      if (rows.length === 0) return;
      after = (rows[rows.length - 1] as { seq: number }).seq;
      yield rows.map((r) => JSON.parse(r.body) as unknown);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The records as core records, a chunk per turn of the event loop: from their compact form (one parse per chunk),
   * or, for records stored before the cache kept it, from Xero's JSON through the fast reader.
   */
  async *coreInTurns(tenantId: string, endpoint: EndpointName, read: CoreRead, size = 2000): AsyncGenerator<unknown[]> {
    const page = this.db.prepare('SELECT seq, body, record FROM xero_cache WHERE tenant_id = ? AND endpoint = ? AND seq > ? ORDER BY seq LIMIT ?');
    for (let after = -Infinity; ;) {
      const rows = page.all(tenantId, endpoint, after, size) as { seq: number; body: string; record: string | null }[];
      if (rows.length === 0) return;
      after = (rows[rows.length - 1] as { seq: number }).seq;
      yield rows.every((r) => r.record !== null)
        ? unpackAll(
            read.table,
            rows.map((r) => r.record as string),
          )
        : rows.map((r) => (r.record !== null ? unpackAll(read.table, [r.record])[0] : readRecords(read.table, [JSON.parse(r.body)], read.baseCurrency)[0]));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  count(tenantId: string, endpoint: EndpointName): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM xero_cache WHERE tenant_id = ? AND endpoint = ?').get(tenantId, endpoint) as { n: number }).n;
  }

  /**
   * Stores what a pull returned, in one transaction: `replace` drops what was there (a full pull),
   * otherwise records are merged by id (a pull of what changed since the last one).
   */
  store(
    tenantId: string,
    endpoint: EndpointName,
    records: ReadonlyArray<{ id: string; body: unknown; record: string | null }>,
    options: { replace: boolean; fetchedAt: string; modifiedSince: string | null },
  ): void {
    this.db
      .transaction(() => {
        if (options.replace) this.db.prepare('DELETE FROM xero_cache WHERE tenant_id = ? AND endpoint = ?').run(tenantId, endpoint);
        const next = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM xero_cache WHERE tenant_id = ? AND endpoint = ?').get(tenantId, endpoint) as {
          seq: number;
        };
        let seq = next.seq;
        const upsert = this.db.prepare(
          `INSERT INTO xero_cache (tenant_id, endpoint, record_id, seq, body, record) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, endpoint, record_id) DO UPDATE SET body = excluded.body, record = excluded.record`,
        );
        for (const r of records) upsert.run(tenantId, endpoint, r.id, ++seq, JSON.stringify(r.body), r.record);
        this.db
          .prepare(
            `INSERT INTO xero_cache_state (tenant_id, endpoint, fetched_at, modified_since) VALUES (?, ?, ?, ?)
           ON CONFLICT (tenant_id, endpoint) DO UPDATE SET fetched_at = excluded.fetched_at, modified_since = excluded.modified_since`,
          )
          .run(tenantId, endpoint, options.fetchedAt, options.modifiedSince);
      })
      .immediate();
    if (options.replace || records.length > 0) {
      const k = `${tenantId}\u0000${endpoint}`;
      this.generations.set(k, (this.generations.get(k) ?? 0) + 1);
    }
  }
}
