import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_TENANT_ID } from '../scripts/demo/generator';
import { startProxy } from '../tests/server/proxy-process';
import { buildServer } from '../scripts/build-server';
import { figure, heading, target } from './format';
import { runClient as run } from './load-client';
import type { ClientSpec } from './load-client';

/** Ageing at 10 connections while 10 others post plans of new rows (1,000; or 5,000, the parts the pane sends a large sheet in), for 10 s. */
async function ageingBesidePlans(base: string, headers: Record<string, string>, planUrl: string, tag: string, rowsPerPlan = 1000) {
  const [ageing, plans] = await Promise.all([
    run({ url: `${base}/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-10-31`, headers, connections: 10, duration: 10 }),
    run({ url: planUrl, headers, connections: 10, duration: 10, plans: { rows: rowsPerPlan, fresh: true, tag } }),
  ]);
  const errors = ageing.errors + ageing.timeouts + ageing.non2xx + plans.errors + plans.timeouts + plans.non2xx;
  return { ageing, plans, errors };
}

/**
 * The proxy under load: the real server (the `dist/server.cjs` bundle) in its own process on loopback, as
 * `npm start` runs it (plain HTTP here), and autocannon in a process of its own (bench/load-client.ts); 20
 * connections for 10 s on the ageing report and on plans of 1,000 rows — the same rows again and again (a
 * reviewer's steps re-check one sheet) and rows new in every request (nothing remembered).
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
  try {
    const cases: Array<[string, ClientSpec]> = [
      ['ageing (JSON)', { url: `${base}/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-10-31`, headers, connections: 20, duration: 10 }],
      ['plan, 1,000 rows (same sheet)', { url: planUrl, headers, connections: 20, duration: 10, plans: { rows: 1000, fresh: false, tag: '' } }],
      ['plan, 1,000 rows (new each time)', { url: planUrl, headers, connections: 20, duration: 10, plans: { rows: 1000, fresh: true, tag: 'r' } }],
    ];
    // Before the plans, a proxy that has been planning: its plan threads' code compiled, and what the ageing run left
    // for the collector collected (a fresh process's first seconds of plans are slower: printed, not a target).
    const warmUp = async () => {
      const warm = await run({ url: planUrl, headers, connections: 20, duration: 3, plans: { rows: 1000, fresh: true, tag: 'w' } });
      figure('warm-up, 3 s of plans of new rows (not a target): p50 / p99', `${warm.latency.p50} / ${warm.latency.p99} ms`, `${warm.requests.total} requests`);
    };
    for (const [name, options] of cases) {
      if (name === 'plan, 1,000 rows (same sheet)') await warmUp();
      const r = await run(options);
      const errors = r.errors + r.timeouts + r.non2xx;
      figure(`${name}: requests/s`, r.requests.average.toFixed(0));
      figure(`${name}: latency p50 / p99`, `${r.latency.p50} / ${r.latency.p99} ms`);
      figure(`${name}: errors`, String(errors), `${r.requests.total} requests`);
      target(`${name}: no errors`, errors === 0, String(errors));
      target(`${name}: p99 under 250 ms`, r.latency.p99 < 250, `${r.latency.p99} ms`);
    }
    const mixed = await ageingBesidePlans(base, headers, planUrl, 'm');
    const large = await ageingBesidePlans(base, headers, planUrl, 'l', 5000);
    // Baseline in the same run: the same proxy with its plans made in its own thread (PLAN_THREADS=0).
    const inlineDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-load-inline-'));
    const inline = await startProxy(inlineDir, { env: { PLAN_THREADS: '0' } });
    let baseline: Awaited<ReturnType<typeof ageingBesidePlans>>;
    try {
      const s2 = (await (await fetch(`${inline.origin}/auth/demo`, { method: 'POST' })).json()) as { token: string };
      const h2 = { Authorization: `Bearer ${s2.token}`, 'Content-Type': 'application/json' };
      baseline = await ageingBesidePlans(inline.origin, h2, `${inline.origin}/api/orgs/${DEMO_TENANT_ID}/mappings/plan`, 'b');
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
