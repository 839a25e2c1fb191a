import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_TENANT_ID } from '../scripts/demo/generator';
import { throwawayPostgres } from '../tests/postgres-server';
import { startProxy } from '../tests/server/proxy-process';
import type { RunningProxy } from '../tests/server/proxy-process';
import { figure, heading, target } from './format';
import { runClient as run } from './load-client';
import type { ClientResult } from './load-client';

type Side = { name: string; proxies: RunningProxy[]; dirs: string[] };

async function side(name: string, count: number, env: Record<string, string>): Promise<Side> {
  const dirs = Array.from({ length: count }, (_, i) => fs.mkdtempSync(path.join(os.tmpdir(), `bridge-scale-bench-${i}-`)));
  const proxies: RunningProxy[] = [];
  for (const dir of dirs) proxies.push(await startProxy(dir, { env }));
  return { name, proxies, dirs };
}

async function close(s: Side): Promise<void> {
  for (const p of s.proxies) await p.stop();
  for (const dir of s.dirs) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The ageing report and plans of 1,000 new rows, 20 connections for 10 s each, spread round-robin over the side's
 * proxies (autocannon's list of URLs, as a reverse proxy would spread them; autocannon in a process of its own,
 * bench/load-client.ts); one demo session, made on the first.
 */
async function load(s: Side, tag: string) {
  const first = s.proxies[0]!.origin;
  const { token } = (await (await fetch(`${first}/auth/demo`, { method: 'POST' })).json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const urls = (route: string) => s.proxies.map((p) => `${p.origin}/api/orgs/${DEMO_TENANT_ID}/${route}`);
  const ageing = await run({ url: urls('reports/ageing?asAt=2026-10-31'), headers, connections: 20, duration: 10 });
  const plans = await run({ url: urls('mappings/plan'), headers, connections: 20, duration: 10, plans: { rows: 1000, fresh: true, tag } });
  return { ageing, plans };
}

function print(label: string, r: ClientResult): number {
  const errors = r.errors + r.timeouts + r.non2xx;
  figure(label, `${r.requests.average.toFixed(0)} req/s`, `p50 / p99 ${r.latency.p50} / ${r.latency.p99} ms, ${errors} errors of ${r.requests.total}`);
  return errors;
}

/**
 * Issue 15: three proxy processes on one PostgreSQL against one proxy on SQLite, the same load on each, printed side
 * by side. PostgreSQL is a throwaway cluster as the tests start it (fsync off); where none can be started, one line
 * says so.
 */
export async function benchScaleOut(): Promise<void> {
  heading('Several proxies: three on one PostgreSQL against one on SQLite (demo organisation, loopback, this machine)');
  const postgres = await throwawayPostgres();
  if (!postgres) {
    process.stdout.write('skipped: no PostgreSQL server could be started here\n');
    return;
  }
  process.stdout.write(`${os.cpus().length} cores; PostgreSQL runs with fsync off, as in the tests\n`);
  const sqlite = await side('one proxy, SQLite', 1, {});
  const shared = await side('three proxies, PostgreSQL', 3, { DATABASE_URL: postgres.url, DEMO_LOGIN: '1' });
  try {
    let errors = 0;
    for (const s of [sqlite, shared]) {
      const r = await load(s, s.proxies.length === 1 ? 's' : 'p');
      errors += print(`${s.name}: ageing`, r.ageing);
      errors += print(`${s.name}: plan, 1,000 new rows`, r.plans);
    }
    target('several proxies: no errors under load on either store', errors === 0, `${errors} errors`);
  } finally {
    await close(sqlite);
    await close(shared);
    await postgres.stop();
  }
}
