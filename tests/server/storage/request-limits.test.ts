import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../../server/http/error-handler';
import { SqlLimitStore } from '../../../server/http/limit-store';
import { signInLimit } from '../../../server/http/rate-limits';
import { createLogger } from '../../../server/logger';
import type { SqlStore } from '../../../server/storage/sql';
import { postgresForTests, threeStores } from '../../postgres-server';

/**
 * Issue 15: the proxy's own limits on sign-ins (per address) and writes (per session) hold across every proxy on the
 * store: thirty sign-ins a minute from one address, whichever proxies they reach.
 */
const postgres = postgresForTests();

/** A proxy's sign-in route behind its limit, counting in `store`. */
function proxyOn(store: SqlStore) {
  const app = express();
  app.post('/auth/demo', signInLimit({ store }), (_req, res) => void res.status(201).json({ ok: true }));
  app.use(errorHandler(createLogger('silent')));
  return app;
}

describe.each(postgres.backends)('request limits kept on %s', (name, open) => {
  const stores = () => threeStores(name, open);

  it('refuse the 31st sign-in in a minute from one address, across three proxies, with 429 and words', async () => {
    const shared = await stores();
    if (!shared) return;
    const proxies = shared.map(proxyOn);
    const answers = await Promise.all(Array.from({ length: 36 }, (_, i) => request(proxies[i % 3]!).post('/auth/demo')));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(30);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(6);
    expect(refused[0]?.body.error.message).toMatch(/wait a minute/);
  });

  it('start a new window once the minute is over, and keep keys of different limits apart', async () => {
    const shared = await stores();
    if (!shared) return;
    let now = Date.UTC(2026, 10, 28, 9, 0, 0);
    const signIns = new SqlLimitStore(shared[0]!, `sign-in-${name}:`, () => now);
    const writes = new SqlLimitStore(shared[1]!, `write-${name}:`, () => now);
    for (let i = 1; i <= 3; i++) expect((await signIns.increment('10.0.0.7')).totalHits).toBe(i);
    expect((await writes.increment('10.0.0.7')).totalHits).toBe(1);
    now += 59_000;
    expect(await signIns.increment('10.0.0.7')).toEqual({ totalHits: 4, resetTime: new Date(Date.UTC(2026, 10, 28, 9, 1, 0)) });
    now += 1_000;
    expect((await signIns.increment('10.0.0.7')).totalHits).toBe(1);
    await signIns.decrement('10.0.0.7');
    expect(await signIns.get('10.0.0.7')).toMatchObject({ totalHits: 0 });
  });
});
