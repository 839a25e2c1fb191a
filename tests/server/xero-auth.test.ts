import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { accountsResponseSchema, errorBodySchema, orgsResponseSchema, sessionResponseSchema } from '../../core/contract';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { createLogger } from '../../server/logger';
import { sqliteStore } from '../../server/storage/sql';
import { SessionStore } from '../../server/sessions/sessions';
import { XeroSignIn } from '../../server/xero/sign-in';
import { testApp } from './helpers';
import { APP, TENANT, xeroHarness } from './xero-harness';
import { callback, remember, stubXeroIdentity } from './xero-identity';

type Harness = Awaited<ReturnType<typeof xeroHarness>>;

/** The pane's sign-in through an app wired to a harness: start, Xero's callback; the session token the dialog gets. */
async function signInThrough(app: ReturnType<typeof testApp>['app']): Promise<string> {
  const state = remember(await request(app).get('/auth/xero/start').expect(302));
  const answer = await callback(app, `/auth/xero/callback?code=the-code&state=${state}`).expect(200);
  return /"token":"([^"]+)"/.exec(answer.text.replace(/&#39;/g, "'"))![1]!;
}

describe('signing in with Xero', () => {
  let h: Harness;
  let app: ReturnType<typeof testApp>['app'];
  let db: Harness['db'];

  beforeEach(async () => {
    h = await xeroHarness();
    db = h.db;
    stubXeroIdentity(h);
    app = testApp({
      db,
      xero: { connections: h.connections, gateway: h.gateway, signIn: new XeroSignIn(sqliteStore(db), h.connections, h.clock), redirectUri: APP.redirectUri },
    }).app;
  });
  afterEach(async () => h.close());

  async function startState(): Promise<string> {
    const res = await request(app).get('/auth/xero/start').expect(302);
    const consent = new URL(res.headers.location as string);
    expect(consent.origin).toBe('https://login.xero.com');
    expect(consent.searchParams.get('client_id')).toBe(APP.clientId);
    expect(consent.searchParams.get('redirect_uri')).toBe(APP.redirectUri);
    expect(consent.searchParams.get('scope')).toContain('offline_access');
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    return remember(res);
  }

  it('uses a fresh random state for every sign-in', async () => {
    const a = await startState();
    const b = await startState();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
  });

  it('completes the sign-in: the dialog gets a session token, never a Xero token, and the session sees its organisation', async () => {
    const state = await startState();
    const answer = await callback(app, `/auth/xero/callback?code=the-code&state=${state}&scope=openid`).expect(200);
    expect(answer.text).not.toContain('access-signin');
    expect(answer.text).not.toContain('refresh-signin');
    expect(answer.headers['cache-control']).toBe('no-store');
    const result = JSON.parse(/data-result='([^']*)'/.exec(answer.text)![1]!.replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&amp;/g, '&'));
    expect(result.type).toBe('signed-in');
    const token = result.token as string;

    const orgs = orgsResponseSchema.parse((await request(app).get('/api/orgs').set('Authorization', `Bearer ${token}`).expect(200)).body);
    expect(orgs.organisations.map((o) => [o.tenantId, o.source])).toEqual([[TENANT, 'xero']]);

    const accounts = await request(app).get(`/api/orgs/${TENANT}/accounts`).set('Authorization', `Bearer ${token}`).expect(200);
    const body = accountsResponseSchema.parse(accounts.body);
    expect(body.records).toHaveLength(h.standIn.records(TENANT, 'Accounts').length);
    expect(body.usage.dayRemaining).toBeLessThan(5000);
    expect(JSON.stringify(accounts.body)).not.toContain('access-signin');

    const stored = db.prepare('SELECT token_set FROM xero_connections').all() as { token_set: string }[];
    expect(stored.some((r) => r.token_set.includes('access-signin') || r.token_set.includes('refresh-signin'))).toBe(false);
  });

  it.each([
    ['a missing state', () => '/auth/xero/callback?code=the-code'],
    ['a state this proxy never issued', () => `/auth/xero/callback?code=the-code&state=${crypto.randomBytes(24).toString('base64url')}`],
  ])('refuses %s', async (_what, url) => {
    const res = await callback(app, url()).expect(400);
    expect(res.text).toMatch(/start the sign-in again/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('refuses a state used once already', async () => {
    const state = await startState();
    await callback(app, `/auth/xero/callback?code=the-code&state=${state}`).expect(200);
    const again = await callback(app, `/auth/xero/callback?code=the-code&state=${state}`).expect(400);
    expect(again.text).toMatch(/already used/);
  });

  it('keeps each session to its own organisations', async () => {
    const state = await startState();
    const answer = await callback(app, `/auth/xero/callback?code=the-code&state=${state}`).expect(200);
    const xeroToken = /"token":"([^"]+)"/.exec(answer.text.replace(/&#39;/g, "'"))![1];
    await request(app).get(`/api/orgs/${DEMO_TENANT_ID}/accounts`).set('Authorization', `Bearer ${xeroToken}`).expect(404);

    const demo = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body);
    const res = await request(app).get(`/api/orgs/${TENANT}/accounts`).set('Authorization', `Bearer ${demo.token}`).expect(404);
    expect(errorBodySchema.parse(res.body).error.code).toBe('not_found');
  });

  it('never writes a Xero token, the client secret or a session token into the log', async () => {
    const lines: string[] = [];
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    const logged = testApp({
      db,
      logger,
      xero: { connections: h.connections, gateway: h.gateway, signIn: new XeroSignIn(sqliteStore(db), h.connections, h.clock), redirectUri: APP.redirectUri },
    }).app;
    const token = await signInThrough(logged);
    await request(logged).get(`/api/orgs/${TENANT}/contacts`).set('Authorization', `Bearer ${token}`).expect(200);
    await request(logged).get('/api/orgs').set('Authorization', 'Bearer not-a-real-session-token-at-all').expect(401);
    h.clock.advance(31 * 60_000);
    h.tokenEndpoint('refuse');
    await request(logged).get(`/api/orgs/${TENANT}/accounts?refresh=full`).set('Authorization', `Bearer ${token}`).expect(401);
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ['access-signin', 'refresh-signin', 'refresh-1', APP.clientSecret, token, 'not-a-real-session-token-at-all'])
      expect(log).not.toContain(secret);
  });

  it('tells the pane in words when the connection must be made again (invalid_grant)', async () => {
    // A session on the harness connection; 31 minutes later its access token has expired, and Xero refuses the refresh token.
    const { token } = await new SessionStore(sqliteStore(db), 14).create('xero', 'Ada', [TENANT], h.connectionId);
    h.clock.advance(31 * 60_000);
    h.tokenEndpoint('refuse');
    const res = await request(app).get(`/api/orgs/${TENANT}/contacts`).set('Authorization', `Bearer ${token}`).expect(401);
    expect(errorBodySchema.parse(res.body).error).toMatchObject({ code: 'reconnect_needed' });
    expect(res.body.error.message).toMatch(/connect to Xero again/);
  });

  it('keeps no Xero token, refresh token, client secret or session token in plaintext anywhere in the database files', async () => {
    // A file-backed store like data/bridge.db: sign in, pull the four tables, let the access token expire so the
    // refresh token rotates, pull again; then read every byte of the database, its WAL and shared-memory files.
    await h.close();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-db-'));
    const dbPath = path.join(dir, 'bridge.db');
    const fileHarness = await xeroHarness({ dbPath });
    try {
      stubXeroIdentity(fileHarness);
      fileHarness.tokenEndpoint('rotate');
      const fileApp = testApp({
        db: fileHarness.db,
        xero: {
          connections: fileHarness.connections,
          gateway: fileHarness.gateway,
          signIn: new XeroSignIn(sqliteStore(fileHarness.db), fileHarness.connections, fileHarness.clock),
          redirectUri: APP.redirectUri,
        },
      }).app;
      const signedIn = await signInThrough(fileApp);
      await request(fileApp).get(`/api/orgs/${TENANT}/accounts`).set('Authorization', `Bearer ${signedIn}`).expect(200);
      // The harness's own connection (refresh-1) is the one whose refresh token the token endpoint rotates.
      const { token: session } = await new SessionStore(sqliteStore(fileHarness.db), 14).create('xero', 'Ada', [TENANT], fileHarness.connectionId);
      const pull = async () => {
        for (const table of ['accounts', 'tax-rates', 'contacts', 'items']) {
          await request(fileApp).get(`/api/orgs/${TENANT}/${table}`).set('Authorization', `Bearer ${session}`).expect(200);
        }
      };
      await pull();
      fileHarness.clock.advance(31 * 60_000);
      await pull();
      expect(fileHarness.refreshRequests.length).toBeGreaterThan(0);

      const files = fs.readdirSync(dir).filter((f) => f.startsWith('bridge.db'));
      expect(files).toContain('bridge.db');
      const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(dir, f))));
      // The pulled records are there in plaintext (they are the organisation's data, not secrets)...
      expect(bytes.includes(Buffer.from(fileHarness.standIn.records(TENANT, 'Contacts')[0]!.Name as string))).toBe(true);
      // ...and none of the secrets are, in UTF-8 or UTF-16.
      const secrets = ['access-signin', 'refresh-signin', 'access-1', 'refresh-1', 'access-2', 'refresh-2', APP.clientSecret, session, signedIn];
      for (const secret of secrets) {
        expect({ secret, utf8: bytes.includes(Buffer.from(secret, 'utf8')), utf16: bytes.includes(Buffer.from(secret, 'utf16le')) }).toEqual({
          secret,
          utf8: false,
          utf16: false,
        });
      }
    } finally {
      await fileHarness.close();
      fs.rmSync(dir, { recursive: true, force: true });
      h = await xeroHarness();
    }
  });
});
