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

/** Account rows as the pane sends them (1,000, or a part of a large sheet); `tag` makes every source code and name new. */
export function accountRows(tag: string, count = 1000) {
  return Array.from({ length: count }, (_, i) => ({
    row: i + 2,
    source: `POS-${tag}${i}`,
    name: `Sales outlet ${tag}${i}`,
    role: 'revenue',
    target: i % 2 ? '200' : '0400',
  }));
}

/** Ageing at 10 connections while 10 others post plans of new rows (1,000; or 5,000, the parts the pane sends a large sheet in), for 10 s. */
async function ageingBesidePlans(base: string, headers: Record<string, string>, planUrl: string, tag: () => string, rowsPerPlan = 1000) {
  const [ageing, plans] = await Promise.all([
    run({ url: `${base}/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-10-31`, headers, connections: 10, duration: 10 }),
    run({
      url: planUrl,
      method: 'POST',
      headers,
      connections: 10,
      duration: 10,
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ kind: 'accounts', rows: accountRows(tag(), rowsPerPlan) }) }) }],
    }),
  ]);
  const errors = ageing.errors + ageing.timeouts + ageing.non2xx + plans.errors + plans.timeouts + plans.non2xx;
  return { ageing, plans, errors };
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
    // Before the plans, a proxy that has been planning: its plan threads' code compiled, and what the ageing run left
    // for the collector collected (a fresh process's first seconds of plans are slower: printed, not a target).
    const warmUp = async () => {
      const warm = await run({ ...(cases[2] as [string, autocannon.Options])[1], connections: 20, duration: 3 });
      figure('warm-up, 3 s of plans of new rows (not a target): p50 / p99', `${warm.latency.p50} / ${warm.latency.p99} ms`, `${warm.requests.total} requests`);
    };
    for (const [name, options] of cases) {
      if (name === 'plan, 1,000 rows (same sheet)') await warmUp();
      const r = await run({ ...options, connections: 20, duration: 10 });
      const errors = r.errors + r.timeouts + r.non2xx;
      figure(`${name}: requests/s`, r.requests.average.toFixed(0));
      figure(`${name}: latency p50 / p99`, `${r.latency.p50} / ${r.latency.p99} ms`);
      figure(`${name}: errors`, String(errors), `${r.requests.total} requests`);
      target(`${name}: no errors`, errors === 0, String(errors));
      target(`${name}: p99 under 250 ms`, r.latency.p99 < 250, `${r.latency.p99} ms`);
    }
    const mixed = await ageingBesidePlans(base, headers, planUrl, () => `m${++n}-`);
    const large = await ageingBesidePlans(base, headers, planUrl, () => `l${++n}-`, 5000);
    // Baseline in the same run: the same proxy with its plans made in its own thread (PLAN_THREADS=0).
    const inlineDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-load-inline-'));
    const inline = await startProxy(inlineDir, { env: { PLAN_THREADS: '0' } });
    let baseline: Awaited<ReturnType<typeof ageingBesidePlans>>;
    try {
      const s2 = (await (await fetch(`${inline.origin}/auth/demo`, { method: 'POST' })).json()) as { token: string };
      const h2 = { Authorization: `Bearer ${s2.token}`, 'Content-Type': 'application/json' };
      baseline = await ageingBesidePlans(inline.origin, h2, `${inline.origin}/api/orgs/${DEMO_TENANT_ID}/mappings/plan`, () => `b${++n}-`);
    } finally {
      await inline.stop();
      fs.rmSync(inlineDir, { recursive: true, force: true });
    }
    figure(
      'ageing beside 10 connections of 1,000-row plans: p50 / p99',
      `${mixed.ageing.latency.p50} / ${mixed.ageing.latency.p99} ms`,
      `${mixed.ageing.requests.average.toFixed(0)} requests/s`,
    );
    figure(
      'the plans meanwhile: p50 / p99',
      `${mixed.plans.latency.p50} / ${mixed.plans.latency.p99} ms`,
      `${mixed.plans.requests.average.toFixed(0)} requests/s`,
    );
    figure(
      'ageing beside 10 connections of 5,000-row plans: p50 / p99',
      `${large.ageing.latency.p50} / ${large.ageing.latency.p99} ms`,
      `plans p50 / p99 ${large.plans.latency.p50} / ${large.plans.latency.p99} ms`,
    );
    figure(
      'baseline, plans in the proxy thread: ageing p50 / p99',
      `${baseline.ageing.latency.p50} / ${baseline.ageing.latency.p99} ms`,
      `plans ${baseline.plans.requests.average.toFixed(0)} requests/s`,
    );
    figure('ratio of ageing p99 (workers / in-thread)', (mixed.ageing.latency.p99 / Math.max(1, baseline.ageing.latency.p99)).toFixed(2));
    figure(
      'ratio of plans a second beside ageing (workers / in-thread)',
      (mixed.plans.requests.average / Math.max(1, baseline.plans.requests.average)).toFixed(2),
    );
    target(
      'ageing p99 ≤ 50 ms while 10 connections post 1,000-row plans',
      mixed.ageing.latency.p99 <= 50 && mixed.errors === 0,
      `${mixed.ageing.latency.p99} ms, ${mixed.errors} errors`,
    );
  } finally {
    await proxy.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
