import request from 'supertest';
import { openPostgres } from '../../../server/storage/postgres';
import type { SqlStore } from '../../../server/storage/sql';
import { XeroSignIn } from '../../../server/xero/sign-in';
import { throwawayPostgres } from '../../postgres-server';
import type { ThrowawayPostgres } from '../../postgres-server';
import { testApp } from '../helpers';
import { APP, xeroHarness } from '../xero-harness';
import { callback, remember, stubXeroIdentity } from '../xero-identity';

/**
 * Issue 15: a Xero sign-in started on one proxy finishes on whichever proxy Xero's redirect reaches, and its state is
 * used once across all of them (an atomic claim in PostgreSQL).
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

describe('OAuth states shared by several proxies on one PostgreSQL', () => {
  it('finish a sign-in on another proxy than the one that started it, once', async () => {
    if (!server) return;
    const h = await xeroHarness();
    try {
      let nonce = '';
      stubXeroIdentity(h, { nonce: () => nonce });
      const appOn = async () => {
        const store = await openPostgres(server!.url, { max: 2 });
        opened.push(store);
        const signIn = new XeroSignIn(store, h.connections, h.clock);
        return testApp({ db: h.db, xero: { connections: h.connections, gateway: h.gateway, signIn, redirectUri: APP.redirectUri } }).app;
      };
      const [one, two] = [await appOn(), await appOn()];
      const started = await request(one).get('/auth/xero/start').expect(302);
      nonce = new URL(started.headers.location as string).searchParams.get('nonce') ?? '';
      const state = remember(started);
      const finished = await callback(two, `/auth/xero/callback?code=the-code&state=${state}`).expect(200);
      expect(finished.text).toMatch(/Connected to Xero/);
      const again = await callback(one, `/auth/xero/callback?code=the-code&state=${state}`);
      expect(again.status).toBe(400);
      expect(again.text).toMatch(/already used/);
    } finally {
      await h.close();
    }
  });
});
