import type { SqlStore } from '../../../server/storage/sql';
import { SessionStore } from '../../../server/sessions/sessions';
import { postgresForTests } from '../../postgres-server';

/**
 * Issue 15: the proxy's state behind one interface, on SQLite (one proxy) and on PostgreSQL (several). The same
 * tests run on both; on PostgreSQL, two stores on one database stand for two proxy processes.
 */
const postgres = postgresForTests();

describe.each(postgres.backends)('sessions on %s', (name, open) => {
  let store: SqlStore | null = null;
  beforeAll(async () => {
    store = await open();
  });
  /** Runs the test on this backend; without a server here it does nothing (throwawayPostgres said why, in one line). */
  const on = (title: string, test: (s: SqlStore) => Promise<void>) =>
    it(title, async () => {
      if (store) await test(store);
      else expect(name).toBe('PostgreSQL');
    });

  on('finds a session by its token, with its organisations, and never by anything else', async (s) => {
    const sessions = new SessionStore(s, 14);
    const { token, expiresAt } = await sessions.create('demo', 'Dana', ['org-b', 'org-a', 'org-a']);
    const found = await sessions.find(token);
    expect(found).toMatchObject({ kind: 'demo', userName: 'Dana', expiresAt, tenantIds: ['org-a', 'org-b'], connectionId: null });
    expect(found?.tokenHash).not.toContain(token);
    expect(await sessions.find(`${token.slice(0, -1)}x`)).toBeNull();
  });

  on('ends a session when it is signed out, and only once', async (s) => {
    const sessions = new SessionStore(s, 14);
    const { token } = await sessions.create('demo', 'Dana', ['org-a']);
    expect(await sessions.revoke(token)).toBe(true);
    expect(await sessions.revoke(token)).toBe(false);
    expect(await sessions.find(token)).toBeNull();
  });

  on('ends a session when its days are over', async (s) => {
    let now = new Date('2026-11-01T00:00:00Z');
    const sessions = new SessionStore(s, 14, () => now);
    const { token } = await sessions.create('demo', 'Sam', ['org-a']);
    now = new Date('2026-11-14T23:59:59Z');
    expect((await sessions.find(token))?.userName).toBe('Sam');
    now = new Date('2026-11-15T00:00:00Z');
    expect(await sessions.find(token)).toBeNull();
  });
});

describe('sessions shared by several proxies on one PostgreSQL', () => {
  it('are valid on every proxy once made on one, and end on all when signed out on one', async () => {
    if (!postgres.server()) return;
    const [one, two, three] = await Promise.all([0, 1, 2].map(() => postgres.open(2)));
    const a = new SessionStore(one!, 14);
    const b = new SessionStore(two!, 14);
    const c = new SessionStore(three!, 14);
    const { token } = await a.create('demo', 'Dana', ['org-a']);
    expect((await b.find(token))?.userName).toBe('Dana');
    expect((await c.find(token))?.tenantIds).toEqual(['org-a']);
    expect(await c.revoke(token)).toBe(true);
    expect(await a.find(token)).toBeNull();
    expect(await b.find(token)).toBeNull();
  });
});
