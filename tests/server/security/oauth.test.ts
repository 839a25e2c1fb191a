import request from 'supertest';
import { sqliteStore } from '../../../server/storage/sql';
import { XeroSignIn } from '../../../server/xero/sign-in';
import { testApp } from '../helpers';
import { APP, xeroHarness } from '../xero-harness';
import { callback, remember, stubXeroIdentity } from '../xero-identity';

/**
 * Finding 7. Failed on main: the consent URL carried no PKCE challenge and no nonce, a callback with a valid state
 * was accepted in any browser, and Helmet's COOP same-origin was sent on the dialog's pages.
 */
describe('signing in with Xero: PKCE, nonce, the dialog that started it (finding 7)', () => {
  let h: Awaited<ReturnType<typeof xeroHarness>>;
  let app: ReturnType<typeof testApp>['app'];
  let nonce: string | null = null;

  beforeEach(async () => {
    h = await xeroHarness();
    nonce = null;
    stubXeroIdentity(h, { nonce: () => nonce ?? '' });
    const signIn = new XeroSignIn(sqliteStore(h.db), h.connections, h.clock);
    app = testApp({ db: h.db, xero: { connections: h.connections, gateway: h.gateway, signIn, redirectUri: APP.redirectUri } }).app;
  });
  afterEach(async () => h.close());

  const start = async () => {
    const res = await request(app).get('/auth/xero/start').expect(302);
    const consent = new URL(res.headers.location as string);
    return { res, consent, state: remember(res) };
  };

  it('asks Xero with a PKCE challenge (S256) and a nonce, fresh for each sign-in', async () => {
    const a = await start();
    const b = await start();
    for (const { consent } of [a, b]) {
      expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
      expect(consent.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(consent.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    }
    expect(a.consent.searchParams.get('nonce')).not.toBe(b.consent.searchParams.get('nonce'));
    // The verifier itself never leaves the proxy.
    expect(a.res.headers.location).not.toMatch(/code_verifier/);
  });

  it('finishes a sign-in whose id_token carries its nonce', async () => {
    const { consent, state } = await start();
    nonce = consent.searchParams.get('nonce');
    const res = await callback(app, `/auth/xero/callback?code=the-code&state=${state}`).expect(200);
    expect(res.text).toMatch(/Connected to Xero/);
  });

  it('refuses an id_token with another nonce (a replayed or injected one)', async () => {
    const { state } = await start();
    nonce = 'someone-elses-nonce';
    const res = await callback(app, `/auth/xero/callback?code=the-code&state=${state}`);
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/Xero did not complete the sign-in: nonce mismatch/);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('refuses the callback in a browser that did not start the sign-in (no cookie, or another one)', async () => {
    const { consent, state } = await start();
    nonce = consent.searchParams.get('nonce');
    const url = `/auth/xero/callback?code=the-code&state=${state}`;
    const without = await request(app).get(url);
    expect(without.status).toBe(400);
    expect(without.text).toMatch(/started in another window or browser/);
    const other = await start();
    const withOther = await request(app).get(`/auth/xero/callback?code=the-code&state=${other.state}`).set('Cookie', 'bridge_signin=forged-value');
    expect(withOther.status).toBe(400);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('keeps the cookie to the sign-in pages, HTTP-only, secure, and sends no COOP that would cut the dialog from Office', async () => {
    const { res, consent, state } = await start();
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('; ');
    expect(cookie).toMatch(/^bridge_signin=[\w-]+; Max-Age=600; Path=\/auth\/xero; HttpOnly; Secure; SameSite=Lax/);
    expect(res.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    nonce = consent.searchParams.get('nonce');
    const done = await callback(app, `/auth/xero/callback?code=the-code&state=${state}`).expect(200);
    expect(done.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    // Used once: the callback clears it.
    expect(([] as string[]).concat(done.headers['set-cookie'] ?? []).join('; ')).toMatch(/bridge_signin=; Max-Age=0/);
  });
});
