import { openDatabase } from '../../../server/storage/db';
import { openPostgres } from '../../../server/storage/postgres';
import { sqliteStore } from '../../../server/storage/sql';
import type { SqlStore } from '../../../server/storage/sql';
import { throwawayPostgres } from '../../postgres-server';
import type { ThrowawayPostgres } from '../../postgres-server';

/**
 * A transaction is all or nothing for its own statements only: while one is open and waiting (its work awaits),
 * another request's statements and transactions are not swept into it, on SQLite's one connection as on PostgreSQL.
 */
let server: ThrowawayPostgres | null = null;
const opened: SqlStore[] = [];
beforeAll(async () => {
  server = await throwawayPostgres();
}, 120_000);
afterAll(async () => {
  for (const s of opened) await s.close();
  await server?.stop();
});

const backends: Array<[string, () => Promise<SqlStore | null>]> = [
  ['SQLite', async () => sqliteStore(openDatabase(':memory:'))],
  ['PostgreSQL', async () => (server ? openPostgres(server.url, { max: 4 }) : null)],
];

describe.each(backends)('transactions on %s', (name, open) => {
  it('roll back only their own statements, never another request’s made while they waited', async () => {
    const store = await open();
    if (!store) {
      expect(name).toBe('PostgreSQL');
      return;
    }
    opened.push(store);
    await store.run('CREATE TABLE IF NOT EXISTS notes (text TEXT NOT NULL)');
    await store.run('DELETE FROM notes');
    let waiting!: () => void;
    const inside = new Promise<void>((resolve) => (waiting = resolve));
    const failing = store.transaction(async (tx) => {
      await tx.run('INSERT INTO notes (text) VALUES (?)', ['from the failing transaction']);
      waiting();
      await new Promise((resolve) => setTimeout(resolve, 30));
      throw new Error('the work failed');
    });
    await inside;
    // Another request, meanwhile: a statement of its own and a transaction of its own.
    const plain = store.run('INSERT INTO notes (text) VALUES (?)', ['a plain statement']);
    const other = store.transaction(async (tx) => {
      await tx.run('INSERT INTO notes (text) VALUES (?)', ['another transaction']);
    });
    await expect(failing).rejects.toThrow('the work failed');
    await Promise.all([plain, other]);
    const rows = await store.all<{ text: string }>('SELECT text FROM notes ORDER BY text');
    expect(rows.map((r) => r.text)).toEqual(['a plain statement', 'another transaction']);
  });
});
