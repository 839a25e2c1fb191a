import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateDemo } from '../../../scripts/demo/generator';
import { ROOT } from '../../../server/paths';
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
 * that answers as Xero does, 429s included, and to a stand-in of Xero's token endpoint (reached through
 * tests/doubles/xero-identity-preload.js, since xero-node fixes its URL) that rotates refresh tokens as Xero does.
 */
let server: ThrowawayPostgres | null = null;
let store: SqlStore | null = null;
const standIn = new XeroStandIn();
const proxies: RunningProxy[] = [];
const dirs: string[] = [];
let token = '';
/** Refresh tokens the token endpoint was sent, in order; the one it will accept next is `refresh-<issued>`. */
const refreshes: string[] = [];
let issued = 1;
const identity = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    const given = new URLSearchParams(body).get('refresh_token') ?? '';
    refreshes.push(given);
    res.setHeader('Content-Type', 'application/json');
    if (given !== `refresh-${issued}`) return void res.writeHead(400).end(JSON.stringify({ error: 'invalid_grant' }));
    issued++;
    standIn.issueToken(`access-${issued}`, Date.now() + 1_800_000);
    res.end(
      JSON.stringify({ access_token: `access-${issued}`, refresh_token: `refresh-${issued}`, expires_in: 1800, token_type: 'Bearer', scope: APP.scopes }),
    );
  });
});

beforeAll(async () => {
  server = await throwawayPostgres();
  if (!server) return;
  standIn.addOrganisation(TENANT, generateDemo());
  // Each answer takes a little time, as over a network, so that calls overlap.
  standIn.latencyMs = 20;
  const apiUrl = await standIn.start();
  await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
  const secret = crypto.randomBytes(32).toString('hex');
  store = await openPostgres(server.url, { max: 2 });
  // A Xero sign-in made earlier: its connection (tokens sealed with the proxies' BRIDGE_SECRET) and a pane session on it.
  const connections = new XeroConnections(store, await openSecretBox(store, secret, path.join(os.tmpdir(), 'no-such-key')), APP);
  // Its access token expired a moment ago: Xero refuses it, and the first request on any proxy must refresh it.
  standIn.issueToken('access-1', Date.now() - 1000);
  const connectionId = await connections.create(
    { access_token: 'access-1', refresh_token: 'refresh-1', expires_at: Math.floor(Date.now() / 1000) - 1 },
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
    NODE_OPTIONS: `--require ${path.join(ROOT, 'tests', 'doubles', 'xero-identity-preload.js')}`,
    BRIDGE_TEST_IDENTITY_URL: `http://127.0.0.1:${(identity.address() as AddressInfo).port}`,
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
  identity.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const TABLES = ['accounts', 'tax-rates', 'contacts', 'items'];
const ROUNDS = 8;

/**
 * A GET of a table and its answer, sent once more (as a browser does) when the keep-alive connection it went out on was
 * closed by the proxy at that moment: its idle timeout (5 s) and this client's can cross on a busy machine.
 */
async function pull(p: RunningProxy, table: string): Promise<{ status: number; text: string }> {
  const get = async () => {
    const answer = await fetch(`${p.origin}/api/orgs/${TENANT}/${table}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: answer.status, text: await answer.text() };
  };
  try {
    return await get();
  } catch (err) {
    if (!(err instanceof TypeError) || !/other side closed/.test(String((err as { cause?: unknown }).cause))) throw err;
    process.stderr.write(`sent again after "${String((err as { cause?: unknown }).cause)}"; proxy exit code ${p.child.exitCode}\n`);
    return get();
  }
}

describe('three proxies on one PostgreSQL pulling one Xero organisation at once', () => {
  it('refresh an access token that expired while all three were busy exactly once, and all three use the new one', async () => {
    if (!server) return;
    const answers = await Promise.all(proxies.flatMap((p) => TABLES.map((t) => pull(p, t))));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(JSON.parse(answers[0]!.text)).toMatchObject({ tenantId: TENANT });
    expect(refreshes).toEqual(['refresh-1']);
    // Every call reached Xero with the new token: none was refused (a refused one would have meant a second refresh).
    expect(standIn.calls.map((c) => c.status)).toEqual(Array(12).fill(200));
  }, 60_000);

  it("keep within Xero's limits for it together: at most 5 calls in flight, 60 in any minute, and no 429", async () => {
    if (!server) return;
    const statuses: number[] = [];
    const before = standIn.calls.length;
    const started = Date.now();
    // Each proxy pulls the four tables at once, eight times over: 96 calls to Xero, more than a minute allows.
    await Promise.all(
      proxies.map(async (p) => {
        for (let round = 0; round < ROUNDS; round++) {
          const answers = await Promise.all(TABLES.map((t) => pull(p, t)));
          for (const a of answers) {
            statuses.push(a.status);
            if (a.status !== 200) throw new Error(`${p.origin}: ${a.status} ${a.text}`);
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(statuses).toEqual(Array(3 * ROUNDS * TABLES.length).fill(200));
    expect(standIn.calls.length - before).toBe(3 * ROUNDS * TABLES.length);
    expect(standIn.rateLimited).toBe(0);
    expect(standIn.peakInFlight).toBeLessThanOrEqual(5);
    expect(standIn.peakPerMinute).toBeLessThanOrEqual(60);
    // More calls than a minute's were made, so the last of them waited for the window to move on.
    expect(seconds).toBeGreaterThan(55);
  }, 180_000);
});
