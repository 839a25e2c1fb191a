import { applyMapping } from '../../../server/mapping/apply';
import { revertBatch } from '../../../server/mapping/revert';
import { MappingStore } from '../../../server/mapping/store';
import { DEMO_SNAPSHOT_DIR } from '../../../server/paths';
import { SnapshotSource } from '../../../server/sources/snapshot';
import { openDatabase } from '../../../server/storage/db';
import { sqliteStore } from '../../../server/storage/sql';
import type { SqlStore } from '../../../server/storage/sql';
import { postgresForTests } from '../../postgres-server';
import { customerRows } from '../xero-harness';

/**
 * Issue 15: the mapping store (mappings, versions, batches, audit, idempotency claims) on SQLite and on PostgreSQL.
 * Three stores on one database stand for three proxies, each with its own copy of the organisation.
 */
const postgres = postgresForTests();

/** Three stores on one database: three PostgreSQL pools, or SQLite's one store three times (one proxy per file). */
const backends: Array<[string, () => Promise<SqlStore[] | null>]> = [
  [
    'SQLite',
    async () => {
      const one = sqliteStore(openDatabase(':memory:'));
      return [one, one, one];
    },
  ],
  ['PostgreSQL', async () => (postgres.server() ? ((await Promise.all([0, 1, 2].map(() => postgres.open(3)))) as SqlStore[]) : null)],
];

const count = async (s: SqlStore, sql: string, params: unknown[] = []) => Number((await s.get<{ n: number }>(sql, params))?.n ?? 0);

describe.each(backends)('mapping batches on %s', (name, open) => {
  let stores: SqlStore[] | null = null;
  beforeAll(async () => {
    stores = await open();
  });
  const on = (title: string, test: (s: SqlStore[]) => Promise<void>) =>
    it(
      title,
      async () => {
        if (stores) await test(stores);
        else expect(name).toBe('PostgreSQL');
      },
      60_000,
    );

  on('writes each batch once when one Idempotency-Key is sent to three proxies at once, thirty times over', async (s) => {
    const proxies = s.map((store) => ({ store: new MappingStore(store), source: SnapshotSource.load(DEMO_SNAPSHOT_DIR) }));
    const rows = await customerRows(proxies[0]!.source, 8);
    const tenantId = proxies[0]!.source.organisation.tenantId;
    for (let round = 0; round < 30; round++) {
      const key = `race-${name}-${round}`;
      const answers = await Promise.allSettled(
        proxies.map(({ store, source }) =>
          applyMapping(store, source, {
            kind: 'customers',
            planVersion: round,
            rows: rows.map((r) => ({ ...r, source: `${r.source}-${round}` })),
            key,
            who: 'Ada',
          }),
        ),
      );
      const written = answers.filter((a) => a.status === 'fulfilled');
      expect(written.length).toBeGreaterThanOrEqual(1);
      // The others were told the batch is being written (409) or given its answer (a replay): never a second batch.
      for (const a of answers) if (a.status === 'rejected') expect(String(a.reason)).toMatch(/still being written/);
      expect(await count(s[0]!, 'SELECT COUNT(*) AS n FROM mapping_batches WHERE tenant_id = ? AND idempotency_key = ?', [tenantId, key])).toBe(1);
    }
    expect(await count(s[0]!, 'SELECT COUNT(*) AS n FROM mapping_audit WHERE tenant_id = ?', [tenantId])).toBe(30 * 8);
    expect(await count(s[0]!, 'SELECT COUNT(*) AS n FROM mappings WHERE tenant_id = ?', [tenantId])).toBe(30 * 8);
  });

  on('reverts a batch written through one proxy from another, and lists it in every proxy’s history', async (s) => {
    const [a, b, c] = s.map((store) => ({ store: new MappingStore(store), source: SnapshotSource.load(DEMO_SNAPSHOT_DIR) }));
    const rows = (await customerRows(a!.source, 5)).map((r) => ({ ...r, source: `REV-${r.source}` }));
    const tenantId = a!.source.organisation.tenantId;
    const version = await a!.store.version(tenantId, 'customers');
    const applied = await a!.store.all(tenantId, 'customers');
    const written = await applyMapping(a!.store, a!.source, { kind: 'customers', planVersion: version, rows, key: `apply-${name}`, who: 'Ada' });
    expect((await b!.store.all(tenantId, 'customers')).length).toBe(applied.length + 5);
    const reverted = await revertBatch(b!.store, b!.source, { batchId: written.batchId!, key: `revert-${name}`, who: 'Bo' });
    expect(reverted.results.every((r) => r.result === 'reverted')).toBe(true);
    expect((await c!.store.all(tenantId, 'customers')).length).toBe(applied.length);
    const history = await c!.store.history(tenantId);
    expect(history.find((h) => h.id === written.batchId)).toMatchObject({ changes: 5, revertedBy: reverted.batchId });
  });
});
