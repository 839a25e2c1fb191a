import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemo } from '../../../scripts/demo/generator';
import { openSecretBox } from '../../../server/security/key-check';
import { SessionStore } from '../../../server/sessions/sessions';
import { openPostgres } from '../../../server/storage/postgres';
import type { SqlStore } from '../../../server/storage/sql';
import { XeroConnections } from '../../../server/xero/connections';
import { XeroStandIn } from '../../doubles/xero-standin';
import { throwawayPostgres } from '../../postgres-server';
import type { ThrowawayPostgres } from '../../postgres-server';
import { startProxy } from '../proxy-process';
import type { RunningProxy } from '../proxy-process';
import { APP, organisation, TENANT } from '../xero-harness';

/**
 * Issue 15: three proxy processes on one PostgreSQL, connected to one organisation of a Xero stand-in (XERO_API_URL)
 * that answers as Xero does, 429s included. Pulled from all three at once, Xero's limits for the organisation hold
 * across them: at most 5 calls in flight and 60 in any minute, and no 429.
 */
let server: ThrowawayPostgres | null = null;
let store: SqlStore | null = null;
const standIn = new XeroStandIn();
const proxies: RunningProxy[] = [];
const dirs: string[] = [];
let token = '';

beforeAll(async () => {
  server = await throwawayPostgres();
  if (!server) return;
  standIn.addOrganisation(TENANT, generateDemo());
  // Each answer takes a little time, as over a network, so that calls overlap.
  standIn.latencyMs = 20;
  const apiUrl = await standIn.start();
  const secret = crypto.randomBytes(32).toString('hex');
  store = await openPostgres(server.url, { max: 2 });
  // A Xero sign-in made earlier: its connection (tokens sealed with the proxies' BRIDGE_SECRET) and a pane session on it.
  const connections = new XeroConnections(store, await openSecretBox(store, secret, path.join(os.tmpdir(), 'no-such-key')), APP);
  standIn.issueToken('access-1', Date.now() + 3_600_000);
  const connectionId = await connections.create(
    { access_token: 'access-1', refresh_token: 'refresh-1', expires_at: Math.floor(Date.now() / 1000) + 3600 },
    'Ada Accountant',
    'xero-user-1',
    [organisation],
  );
  token = (await new SessionStore(store, 1).create('xero', 'Ada Accountant', [TENANT], connectionId)).token;
  const env = {
    DATABASE_URL: server.url,
    BRIDGE_SECRET: secret,
    XERO_CLIENT_ID: APP.clientId,
    XERO_CLIENT_SECRET: APP.clientSecret,
    XERO_REDIRECT_URI: APP.redirectUri,
    XERO_API_URL: apiUrl,
  };
  for (let i = 0; i < 3; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bridge-limits-${i}-`));
    dirs.push(dir);
    proxies.push(await startProxy(dir, { env }));
  }
}, 180_000);

afterAll(async () => {
  for (const p of proxies) await p.stop();
  await store?.close();
  await server?.stop();
  await standIn.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const TABLES = ['accounts', 'tax-rates', 'contacts', 'items'];
const ROUNDS = 8;

describe('three proxies on one PostgreSQL pulling one Xero organisation at once', () => {
  it("keep within Xero's limits for it together: at most 5 calls in flight, 60 in any minute, and no 429", async () => {
    if (!server) return;
    const statuses: number[] = [];
    const started = Date.now();
    // Each proxy pulls the four tables at once, eight times over: 96 calls to Xero, more than a minute allows.
    await Promise.all(
      proxies.map(async (p) => {
        for (let round = 0; round < ROUNDS; round++) {
          const answers = await Promise.all(TABLES.map((t) => fetch(`${p.origin}/api/orgs/${TENANT}/${t}`, { headers: { Authorization: `Bearer ${token}` } })));
          for (const a of answers) {
            statuses.push(a.status);
            if (a.status !== 200) throw new Error(`${p.origin}: ${a.status} ${await a.text()}`);
            await a.arrayBuffer();
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(statuses).toEqual(Array(3 * ROUNDS * TABLES.length).fill(200));
    expect(standIn.calls.length).toBe(3 * ROUNDS * TABLES.length);
    expect(standIn.rateLimited).toBe(0);
    expect(standIn.peakInFlight).toBeLessThanOrEqual(5);
    expect(standIn.peakPerMinute).toBeLessThanOrEqual(60);
    // More calls than a minute's were made, so the last of them waited for the window to move on.
    expect(seconds).toBeGreaterThan(55);
  }, 180_000);
});
