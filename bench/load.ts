import type { AddressInfo } from 'node:net';
import http from 'node:http';
import autocannon from 'autocannon';
import { DEMO_TENANT_ID } from '../server/demo/generator';
import { testApp } from '../tests/server/helpers';
import { figure, heading, target } from './format';

type Result = autocannon.Result;

function run(options: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** The proxy under load on loopback: 20 connections for 10 s on the ageing report and on a 1,000-row plan. */
export async function benchLoad(): Promise<void> {
  heading('Load: 20 connections for 10 s against the proxy on loopback (demo organisation)');
  const { app } = testApp();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const session = await fetch(`${base}/auth/demo`, { method: 'POST' });
  const { token } = (await session.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const rows = Array.from({ length: 1000 }, (_, i) => ({ row: i + 2, source: `POS-${i}`, name: `Sales outlet ${i}`, role: 'revenue', target: i % 2 ? '200' : '0400' }));
  try {
    const cases: Array<[string, autocannon.Options]> = [
      ['ageing (JSON)', { url: `${base}/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-10-31`, headers }],
      ['plan, 1,000 account rows', { url: `${base}/api/orgs/${DEMO_TENANT_ID}/mappings/plan`, method: 'POST', headers, body: JSON.stringify({ kind: 'accounts', rows }) }],
    ];
    for (const [name, options] of cases) {
      const r = await run({ ...options, connections: 20, duration: 10 });
      const errors = r.errors + r.timeouts + r.non2xx;
      figure(`${name}: requests/s`, r.requests.average.toFixed(0));
      figure(`${name}: latency p50 / p99`, `${r.latency.p50} / ${r.latency.p99} ms`);
      figure(`${name}: errors`, String(errors), `${r.requests.total} requests`);
      target(`${name}: no errors`, errors === 0, String(errors));
      target(`${name}: p99 under 250 ms`, r.latency.p99 < 250, `${r.latency.p99} ms`);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
