import { postgresForTests } from '../../postgres-server';

/**
 * A transaction is all or nothing for its own statements only: while one is open and waiting (its work awaits),
 * another request's statements and transactions are not swept into it, on SQLite's one connection as on PostgreSQL.
 */
const postgres = postgresForTests();

describe.each(postgres.backends)('transactions on %s', (name, open) => {
  it('roll back only their own statements, never another request’s made while they waited', async () => {
    const store = await open();
    if (!store) {
      expect(name).toBe('PostgreSQL');
      return;
    }
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

describe('locks on PostgreSQL', () => {
  it('never leave other work waiting for a connection, however many are held at once', async () => {
    // A pool of two connections for the work: more locks held than that must not take them.
    const store = await postgres.open(2);
    if (!store) return;
    const held = await Promise.all(Array.from({ length: 6 }, (_, i) => store.lock(JSON.stringify(['held', i]))));
    expect(held.every((release) => release !== null)).toBe(true);
    const answer = await Promise.race([
      store.transaction(async (tx) => (await tx.get<{ n: number }>('SELECT 1 AS n'))?.n),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000)),
    ]);
    expect(answer).toBe(1);
    for (const release of held) await release?.();
  });
});
