import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEMO_TENANT_ID } from '../scripts/demo/generator';
import { startProxy } from '../tests/server/proxy-process';
import { buildServer } from '../scripts/build-server';
import { figure, heading, target } from './format';

type Result = autocannon.Result;

function run(options: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** 1,000 account rows as the pane sends them; `tag` makes every source code and name new. */
function accountRows(tag: string) {
  return Array.from({ length: 1000 }, (_, i) => ({
    row: i + 2,
    source: `POS-${tag}${i}`,
    name: `Sales outlet ${tag}${i}`,
    role: 'revenue',
    target: i % 2 ? '200' : '0400',
  }));
}

/**
 * The proxy under load: the real server (the `dist/server.cjs` bundle) in its own process on loopback, as
 * `npm start` runs it (plain HTTP here), and autocannon in this one; 20 connections for 10 s on the ageing report
 * and on plans of 1,000 rows — the same rows again and again (a reviewer's steps re-check one sheet) and rows new
 * in every request (nothing remembered).
 */
export async function benchLoad(): Promise<void> {
  heading('Load: 20 connections for 10 s against the proxy process on loopback (demo organisation)');
  // The proxy as `npm start` runs it, built from the sources being measured.
  await buildServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-load-'));
  const proxy = await startProxy(dataDir);
  const base = proxy.origin;
  const session = await fetch(`${base}/auth/demo`, { method: 'POST' });
  const { token } = (await session.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const planUrl = `${base}/api/orgs/${DEMO_TENANT_ID}/mappings/plan`;
  let n = 0;
  try {
    const cases: Array<[string, autocannon.Options]> = [
      ['ageing (JSON)', { url: `${base}/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-10-31`, headers }],
      ['plan, 1,000 rows (same sheet)', { url: planUrl, method: 'POST', headers, body: JSON.stringify({ kind: 'accounts', rows: accountRows('') }) }],
      [
        'plan, 1,000 rows (new each time)',
        {
          url: planUrl,
          method: 'POST',
          headers,
          requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ kind: 'accounts', rows: accountRows(`r${++n}-`) }) }) }],
        },
      ],
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
    await proxy.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
