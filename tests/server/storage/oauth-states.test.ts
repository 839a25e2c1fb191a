import request from 'supertest';
import { XeroSignIn } from '../../../server/xero/sign-in';
import { postgresForTests } from '../../postgres-server';
import { testApp } from '../helpers';
import { APP, xeroHarness } from '../xero-harness';
import { callback, remember, stubXeroIdentity } from '../xero-identity';

/**
 * Issue 15: a Xero sign-in started on one proxy finishes on whichever proxy Xero's redirect reaches, and its state is
 * used once across all of them (an atomic claim in PostgreSQL).
 */
const postgres = postgresForTests();

describe('OAuth states shared by several proxies on one PostgreSQL', () => {
  it('finish a sign-in on another proxy than the one that started it, once', async () => {
    if (!postgres.server()) return;
    const h = await xeroHarness();
    try {
      let nonce = '';
      stubXeroIdentity(h, { nonce: () => nonce });
      const appOn = async () => {
        const signIn = new XeroSignIn((await postgres.open(2))!, h.connections, h.clock);
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
