import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemo } from '../scripts/demo/generator';
import { buildServer } from '../scripts/build-server';
import { readReportLedger } from '../server/reports/build';
import { XeroSource } from '../server/sources/xero';
import { endpointNames, endpoints } from '../server/xero/raw';
import { startProxy } from '../tests/server/proxy-process';
import { organisation } from '../tests/server/xero-harness';
import { child } from './child';
import { figure, heading, mb, target } from './format';
import { benchManyOrganisations } from './many-organisations';
import { standInGateway } from './stand-in';

type Bodies = ReturnType<typeof generateDemo>;

/** The 100,000-invoice organisation of the refresh benchmark. */
export function bigOrganisation(): Bodies {
  return generateDemo({ seed: 'refresh-bench', customers: 5972, suppliers: 28, salesInvoices: 90000, bills: 10000 });
}

function writeSnapshot(folder: string, bodies: Bodies, tenantId?: string): void {
  fs.mkdirSync(folder, { recursive: true });
  for (const name of endpointNames) {
    const body = bodies[name] as Record<string, Array<Record<string, unknown>>>;
    if (tenantId && name === 'Organisation') {
      const org = {
        ...body,
        [endpoints.Organisation.key]: [{ ...body[endpoints.Organisation.key]![0], OrganisationID: tenantId, Name: `Org ${tenantId.slice(-2)}` }],
      };
      fs.writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(org));
    } else fs.writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(body));
  }
}

/** The process's resident memory now and at its peak, from /proc. */
function residentOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Asks the proxy's health check again and again; the slowest answer is how long a request waited for the event loop. */
function probe(origin: string) {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${origin}/healthz`).then((r) => r.arrayBuffer());
      worst = Math.max(worst, performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return worst;
    },
  };
}

/** A 100,000-invoice snapshot served by the proxy process: its first start reads the folder, the next ones its kept copy. */
async function snapshotCold(bodies: Bodies, dir: string): Promise<{ folder: string; dataDir: string; total: number; tenantId: string }> {
  const folder = path.join(dir, 'snapshot');
  writeSnapshot(folder, bodies);
  const dataDir = path.join(dir, 'data');
  const env = { XERO_SNAPSHOT: folder, DEMO_LOGIN: '1' };
  let t = performance.now();
  const first = await startProxy(dataDir, { env });
  figure('first start: the folder read, checked and kept', `${((performance.now() - t) / 1000).toFixed(1)} s`, 'once per folder (until its files change)');
  await first.stop();

  t = performance.now();
  const proxy = await startProxy(dataDir, { env });
  try {
    const listening = performance.now() - t;
    const { token } = (await (await fetch(`${proxy.origin}/auth/demo`, { method: 'POST' })).json()) as { token: string };
    const headers = { Authorization: `Bearer ${token}` };
    const tenantId = (bodies.Organisation as { Organisations: Array<{ OrganisationID: string }> }).Organisations[0]!.OrganisationID;
    const watch = probe(proxy.origin);
    const answer = await fetch(`${proxy.origin}/api/orgs/${tenantId}/reports/ageing?asAt=2026-10-31`, { headers });
    const report = (await answer.json()) as { rows: unknown[]; totals: Array<{ total: number }> };
    const toAgeing = performance.now() - t;
    const worst = await watch.stop();
    const memory = residentOf(proxy.child.pid as number);
    figure('next start: listening', `${listening.toFixed(0)} ms`);
    figure('next start: to the first ageing', `${toAgeing.toFixed(0)} ms`, `${report.rows.length} rows; status ${answer.status}`);
    figure('  slowest health check meanwhile', `${worst.toFixed(0)} ms`, 'a request waiting on the event loop');
    figure('  proxy resident memory (now / peak)', `${mb(memory.rss)} / ${mb(memory.peak)}`);
    target('snapshot: start to first ageing within 2 s', toAgeing <= 2000, `${toAgeing.toFixed(0)} ms`);
    target('snapshot: proxy resident memory within 400 MB', memory.peak <= 400 * 2 ** 20, mb(memory.peak));
    target('snapshot: no request waits more than 100 ms during the cold load', worst <= 100, `${worst.toFixed(0)} ms`);
    return { folder, dataDir, total: report.totals[0]?.total ?? 0, tenantId };
  } finally {
    await proxy.stop();
  }
}

/** A connected organisation whose records the store holds: a restarted proxy's first ageing, in a process of its own. */
async function xeroCold(bodies: Bodies, dir: string): Promise<void> {
  const dbPath = path.join(dir, 'xero.db');
  const g = await standInGateway(bodies, { dbPath });
  try {
    await readReportLedger(new XeroSource(g.gateway, g.connectionId, organisation));
    g.db.close();
    const r = await child<{ ms: number; worstDelayMs: number; rss: number; rows: number; heap: number; counted: number }>({
      BENCH_CASE: 'xero',
      BENCH_DB: dbPath,
      BENCH_KEY: g.key.toString('hex'),
      BENCH_API: g.basePath,
      BENCH_CONNECTION: g.connectionId,
    });
    figure('restarted: to the first ageing', `${r.ms.toFixed(0)} ms`, `${r.rows} rows (a refresh of every table, then the tables read from the store)`);
    figure('  worst event-loop delay meanwhile', `${r.worstDelayMs.toFixed(0)} ms`);
    figure('  process resident memory', mb(r.rss));
    figure('  heap kept (measured) / counted by the ledger cache', `${mb(r.heap)} / ${mb(r.counted)}`, `ratio ${(r.counted / r.heap).toFixed(2)}`);
    target('cached Xero: restart to first ageing within 2 s', r.ms <= 2000, `${r.ms.toFixed(0)} ms`);
    target('cached Xero: resident memory within 400 MB', r.rss <= 400 * 2 ** 20, mb(r.rss));
    target('cached Xero: event loop never held more than 100 ms during the cold load', r.worstDelayMs <= 100, `${r.worstDelayMs.toFixed(0)} ms`);
  } finally {
    await g.close();
  }
}

/**
 * Cold starts of a 100,000-invoice organisation (about 190 MB of Xero's JSON): served from a snapshot by the proxy
 * process, and connected to Xero (the stand-in) with its records in the store.
 */
export async function benchColdStart(bodies: Bodies): Promise<void> {
  heading('Cold start: a 100,000-invoice organisation, snapshot (the proxy process) and cached Xero (a process of its own)');
  await buildServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-cold-'));
  try {
    const snapshot = await snapshotCold(bodies, dir);
    await xeroCold(bodies, dir);
    await benchManyOrganisations(snapshot);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
