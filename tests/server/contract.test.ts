import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import axios from 'axios';
import type { AxiosResponse } from 'axios';
import { SecretBox } from '../../server/security/secret-box';
import { XeroSource } from '../../server/sources/xero';
import { openDatabase } from '../../server/storage/db';
import { XeroCache } from '../../server/xero/cache';
import { XeroConnections } from '../../server/xero/connections';
import { XeroGateway } from '../../server/xero/gateway';
import { endpointNames } from '../../server/xero/raw';
import { ROOT } from '../../server/paths';
import { SHARED_DIR, sharedAvailable } from '../shared';
import { APP, organisation } from './xero-harness';
import { sqliteStore } from '../../server/storage/sql';

const SPEC = path.join(SHARED_DIR, 'xero-openapi', 'xero_accounting.yaml');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Contract: the gateway's every request goes to Prism serving Xero's own OpenAPI description
 * (static mode), which refuses any request the spec does not allow; every answer must then pass
 * the gateway's checks of Xero's format and normalise into core records.
 */
const withSpec = sharedAvailable('xero-openapi/xero_accounting.yaml', "contract tests against Xero's OpenAPI spec");
(withSpec ? describe : describe.skip)('the Xero gateway against Xero’s OpenAPI spec (Prism)', () => {
  let prism: ChildProcess;
  let basePath: string;
  const seen: Array<{ method: string; url: string; status: number; body: unknown }> = [];
  let interceptors: { request: number; response: number };

  beforeAll(async () => {
    const port = await freePort();
    basePath = `http://127.0.0.1:${port}`;
    prism = spawn(path.join(ROOT, 'node_modules', '.bin', 'prism'), ['mock', '-h', '127.0.0.1', '-p', String(port), SPEC], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${output.slice(-2000)}`)), 90_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (/Prism is listening/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      prism.stdout?.on('data', onData);
      prism.stderr?.on('data', onData);
      prism.on('exit', (code) => reject(new Error(`Prism exited (${code}):\n${output.slice(-2000)}`)));
    });
    interceptors = {
      // xero-node sends `data: {}` on GETs, which Prism answers with 415 (../shared/README.md).
      request: axios.interceptors.request.use((config) => {
        if ((config.method ?? 'get').toLowerCase() === 'get') delete config.data;
        return config;
      }),
      response: axios.interceptors.response.use(
        (response: AxiosResponse) => {
          seen.push({ method: String(response.config.method), url: String(response.config.url), status: response.status, body: null });
          return response;
        },
        (error: { config?: { method?: string; url?: string }; response?: { status: number; data: unknown } }) => {
          seen.push({ method: String(error.config?.method), url: String(error.config?.url), status: error.response?.status ?? 0, body: error.response?.data });
          return Promise.reject(error);
        },
      ),
    };
  }, 120_000);

  afterAll(() => {
    axios.interceptors.request.eject(interceptors.request);
    axios.interceptors.response.eject(interceptors.response);
    prism?.kill('SIGTERM');
  });

  async function gateway() {
    const db = openDatabase(':memory:');
    const connections = new XeroConnections(sqliteStore(db), SecretBox.fromKey(crypto.randomBytes(32)), APP, { apiBasePath: basePath });
    const connectionId = await connections.create(
      { access_token: 'contract-test-token', refresh_token: 'contract-refresh', expires_at: Math.floor(Date.now() / 1000) + 1800 },
      'Contract Test',
      null,
      [organisation],
    );
    return { gateway: new XeroGateway(connections, new XeroCache(db)), connectionId };
  }

  it.each(endpointNames)('pulls %s with requests the spec accepts', async (endpoint) => {
    const { gateway: g, connectionId } = await gateway();
    const before = seen.length;
    const result = await g.pull(connectionId, organisation.tenantId, endpoint, { full: true });
    const calls = seen.slice(before);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect({ url: call.url, status: call.status, body: call.body }).toMatchObject({ status: 200 });
    expect(result.records.length).toBeGreaterThan(0);
  });

  it('sends If-Modified-Since as the spec allows on a refresh', async () => {
    const { gateway: g, connectionId } = await gateway();
    await g.pull(connectionId, organisation.tenantId, 'Contacts');
    const before = seen.length;
    await g.pull(connectionId, organisation.tenantId, 'Contacts');
    expect(seen.slice(before).map((c) => c.status)).toEqual([200]);
  });

  it('normalises the spec’s example records into core records', async () => {
    const { gateway: g, connectionId } = await gateway();
    const source = new XeroSource(g, connectionId, organisation);
    const invoices = (await source.read('invoices', { full: true })).records;
    expect(invoices.length).toBeGreaterThan(0);
    for (const invoice of invoices) {
      expect(Number.isInteger(invoice.total)).toBe(true);
      expect(invoice.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const accounts = (await source.read('accounts', { full: true })).records;
    expect(accounts.every((a) => a.accountId.length > 0)).toBe(true);
  });
});
