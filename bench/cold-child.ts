/**
 * A process of its own for the cold-start benchmarks (bench/cold-start.ts runs it with `node --import tsx`), so that
 * its resident memory is the proxy's part alone (the Xero stand-in and the generated books stay in the parent).
 * It opens the store the parent filled and prints one JSON line of figures.
 *
 * BENCH_CASE=xero: a connected organisation whose records the store holds (the proxy restarted): its first ageing.
 * BENCH_CASE=refresh: the same organisation's first ageing, then (the parent having changed 10 invoices in the
 *   stand-in it serves) a refresh and an ageing report, measured.
 * BENCH_CASE=many: 20 snapshot organisations in turn, twice, with LEDGER_CACHE_MB as the ledger cache's budget.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ageingQuerySchema } from '../core/contract';
import { buildAgeing, readReportLedger } from '../server/reports/build';
import { SecretBox } from '../server/security/secret-box';
import { LedgerCache } from '../server/sources/ledger-cache';
import { SnapshotSource } from '../server/sources/snapshot';
import { SnapshotStore } from '../server/sources/snapshot-store';
import { XeroSource } from '../server/sources/xero';
import { openDatabase } from '../server/storage/db';
import { XeroCache } from '../server/xero/cache';
import { XeroConnections } from '../server/xero/connections';
import { XeroGateway } from '../server/xero/gateway';
import { FakeClock } from '../tests/doubles/fake-clock';
import { APP, organisation } from '../tests/server/xero-harness';
import { sqliteStore } from '../server/storage/sql';
import { askParent, measured } from './child';

const QUERY = ageingQuerySchema.parse({ asAt: '2026-10-31' });
/** A setting the parent passes. */
function need(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set (bench/cold-start.ts sets it)`);
  return value;
}
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The gateway to the parent's stand-in, on the store it filled. */
function connectedGateway(): XeroGateway {
  const db = openDatabase(need('BENCH_DB'));
  const clock = new FakeClock();
  const connections = new XeroConnections(sqliteStore(db), SecretBox.fromKey(Buffer.from(need('BENCH_KEY'), 'hex')), APP, {
    clock,
    apiBasePath: need('BENCH_API'),
  });
  return new XeroGateway(connections, new XeroCache(db), { clock });
}

async function coldXero() {
  const gateway = connectedGateway();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 15));
  const t = performance.now();
  const ledgers = new LedgerCache(4096);
  const source = new XeroSource(gateway, need('BENCH_CONNECTION'), organisation, ledgers);
  const report = buildAgeing(await readReportLedger(source), QUERY);
  const took = performance.now() - t;
  await new Promise((resolve) => setTimeout(resolve, 25));
  delay.disable();
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  return {
    ms: took,
    worstDelayMs: delay.max / 1e6,
    rss: process.memoryUsage().rss,
    rows: report.rows.length,
    total: report.totals[0]?.total,
    heap,
    counted: ledgers.bytes,
  };
}

async function refresh() {
  const source = new XeroSource(connectedGateway(), need('BENCH_CONNECTION'), organisation, new LedgerCache(4096));
  buildAgeing(await readReportLedger(source), QUERY);
  await askParent('change 10 invoices');
  let readMs = 0;
  const r = await measured(async () => {
    const t = performance.now();
    const ledger = await readReportLedger(source);
    readMs = performance.now() - t;
    return buildAgeing(ledger, QUERY);
  });
  return { ms: r.ms, readMs, worstDelayMs: r.worstDelayMs, rows: r.value.rows.length, total: r.value.totals[0]?.total, rss: process.memoryUsage().rss };
}

async function many() {
  const db = openDatabase(need('BENCH_DB'));
  const store = new SnapshotStore(db, new XeroCache(db));
  const ledgers = new LedgerCache(Number(need('LEDGER_CACHE_MB')));
  const folders = JSON.parse(need('BENCH_FOLDERS')) as string[];
  const sources = folders.map((f) => SnapshotSource.load(f, { store, ledgers }));
  const runs: Array<{ round: number; org: number; ms: number; rss: number; kept: number; organisations: number; total: number | undefined }> = [];
  for (let round = 1; round <= 2; round++)
    for (const [org, source] of sources.entries()) {
      const t = performance.now();
      const report = buildAgeing(await readReportLedger(source), QUERY);
      runs.push({
        round,
        org,
        ms: performance.now() - t,
        rss: process.memoryUsage().rss,
        kept: ledgers.bytes,
        organisations: ledgers.organisations,
        total: report.totals[0]?.total,
      });
    }
  return { runs, evictions: ledgers.evictions, budget: ledgers.budgetBytes };
}

async function main() {
  const which = need('BENCH_CASE');
  const result = which === 'xero' ? await coldXero() : which === 'refresh' ? await refresh() : await many();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
