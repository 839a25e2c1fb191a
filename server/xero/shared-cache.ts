import type { SqlRunner, SqlStore } from '../storage/sql';
import type { EndpointName } from './raw';

/** A cached record: Xero's JSON, and its compact core form for the large tables. */
type SharedRow = { id: string; body: unknown; record: string | null };

/** One pull of an endpoint, coordinated with the other proxies through the pull cache they share. */
export type SharedSync = {
  /** Where Xero's If-Modified-Since stands for the endpoint as any proxy last pulled it; null: nothing is shared yet (a full pull). */
  since: string | null;
  /** What other proxies pulled since the version this proxy's copy holds (everything, when `replaceCopy`). */
  caughtUp: SharedRow[];
  /** The copy is from before a full pull (or from another database): it is replaced, not merged into. */
  replaceCopy: boolean;
  /** Shares what Xero sent in this pull; the first part of a full pull replaces what was shared. */
  publish(rows: readonly SharedRow[], replace: boolean): Promise<void>;
  /** Records where the endpoint now stands; answers the version the proxy's copy now holds. */
  finish(state: { fetchedAt: string; modifiedSince: string | null }): Promise<number>;
};

type StateRow = { version: unknown; replaced_at: unknown; modified_since: string | null };
type StoredRow = { record_id: string; seq: unknown; body: string; record: string | null };

/** Rows per INSERT (7 parameters each, far below PostgreSQL's 65,535). */
const ROWS_PER_INSERT = 500;
/** Rows per query when a copy is read whole. */
const CHUNK = 5000;

/**
 * The pull cache shared by proxies on one PostgreSQL: each endpoint's records with the version of the pull that last
 * wrote them. A pull runs in a transaction exclusive to its organisation and endpoint: it first takes what other
 * proxies pulled since the version this proxy's copy holds (not from Xero again), then asks Xero only for what changed
 * since any proxy last asked, and shares what Xero sent. Each proxy keeps its copy in its own SQLite file, from which
 * its reads are served as before.
 */
export class SharedCache {
  constructor(private readonly store: SqlStore) {}

  pull<T>(tenantId: string, endpoint: EndpointName, copyVersion: number, work: (sync: SharedSync) => Promise<T>): Promise<T> {
    return this.store.transaction(
      async (tx) => {
        const state = await tx.get<StateRow>('SELECT version, replaced_at, modified_since FROM xero_shared_state WHERE tenant_id = ? AND endpoint = ?', [
          tenantId,
          endpoint,
        ]);
        const version = Number(state?.version ?? 0);
        const replacedAt = Number(state?.replaced_at ?? 0);
        const replaceCopy = state !== undefined && (replacedAt > copyVersion || version < copyVersion);
        const caughtUp = state === undefined || version === copyVersion ? [] : await rowsSince(tx, tenantId, endpoint, replaceCopy ? 0 : copyVersion);
        const next = version + 1;
        let published = 0;
        let replacedNow = false;
        let seq: number | null = null;
        return work({
          since: state?.modified_since ?? null,
          caughtUp,
          replaceCopy,
          publish: async (rows, replace) => {
            if (replace && !replacedNow) {
              await tx.run('DELETE FROM xero_shared_cache WHERE tenant_id = ? AND endpoint = ?', [tenantId, endpoint]);
              replacedNow = true;
              seq = 0;
            }
            seq ??= Number(
              (
                await tx.get<{ seq: unknown }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM xero_shared_cache WHERE tenant_id = ? AND endpoint = ?', [
                  tenantId,
                  endpoint,
                ])
              )?.seq ?? 0,
            );
            for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
              const part = rows.slice(start, start + ROWS_PER_INSERT);
              const values = part.flatMap((r) => [tenantId, endpoint, r.id, next, ++(seq as number), JSON.stringify(r.body), r.record]);
              await tx.run(
                `INSERT INTO xero_shared_cache (tenant_id, endpoint, record_id, version, seq, body, record) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
                 ON CONFLICT (tenant_id, endpoint, record_id) DO UPDATE SET version = excluded.version, body = excluded.body, record = excluded.record`,
                values,
              );
            }
            published += rows.length;
          },
          finish: async ({ fetchedAt, modifiedSince }) => {
            // A pull that brought nothing leaves the version as it was, so no proxy copies anything for it.
            const now = published > 0 || replacedNow ? next : version;
            await tx.run(
              `INSERT INTO xero_shared_state (tenant_id, endpoint, version, replaced_at, fetched_at, modified_since) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (tenant_id, endpoint) DO UPDATE SET version = excluded.version, replaced_at = excluded.replaced_at,
                 fetched_at = excluded.fetched_at, modified_since = excluded.modified_since`,
              [tenantId, endpoint, now, replacedNow ? next : replacedAt, fetchedAt, modifiedSince],
            );
            return now;
          },
        });
      },
      { exclusive: `xero-pull:${tenantId}:${endpoint}` },
    );
  }
}

/** The shared rows written after `version`, in the order Xero first sent them (a chunk per query). */
async function rowsSince(tx: SqlRunner, tenantId: string, endpoint: EndpointName, version: number): Promise<SharedRow[]> {
  const rows: SharedRow[] = [];
  for (let after = -1; ;) {
    const chunk = await tx.all<StoredRow>(
      'SELECT record_id, seq, body, record FROM xero_shared_cache WHERE tenant_id = ? AND endpoint = ? AND version > ? AND seq > ? ORDER BY seq LIMIT ?',
      [tenantId, endpoint, version, after, CHUNK],
    );
    for (const r of chunk) rows.push({ id: r.record_id, body: JSON.parse(r.body) as unknown, record: r.record });
    if (chunk.length < CHUNK) return rows;
    after = Number(chunk[chunk.length - 1]?.seq);
  }
}
