import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ageingQuerySchema } from '../core/contract';
import { generateDemo } from '../scripts/demo/generator';
import { buildAgeing, readReportLedger } from '../server/reports/build';
import { XeroSource } from '../server/sources/xero';
import { tableThroughModels } from '../server/xero/deserialize';
import { organisation, TENANT } from '../tests/server/xero-harness';
import { child, measured } from './child';
import { standInGateway } from './stand-in';
import { figure, heading, mb, target } from './format';

const QUERY = ageingQuerySchema.parse({ asAt: '2026-10-31' });

type Refreshed = { ms: number; readMs: number; worstDelayMs: number; rows: number; rss: number };

/**
 * A connected 100,000-invoice organisation: the first ageing report after the proxy has pulled it, then a refresh
 * that brings 10 changed invoices followed by an ageing report. The refresh is measured in a process of its own
 * (bench/cold-child.ts), as a proxy's would be: in this one, the Xero stand-in's own work (finding what changed among
 * 100,000 invoices, for every request) and its heap of the organisation's raw records would be counted as the
 * proxy's. Baseline in the same run: the old read path, every cached invoice parsed again and read through
 * xero-node's ObjectSerializer.
 */
export async function benchRefresh(): Promise<void> {
  heading('Refresh: 100,000-invoice organisation through the gateway; 10 invoices change in Xero, then an ageing report');
  const bodies = generateDemo({ seed: 'refresh-bench', customers: 5972, suppliers: 28, salesInvoices: 90000, bills: 10000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-refresh-'));
  const dbPath = path.join(dir, 'xero.db');
  const g = await standInGateway(bodies, { dbPath });
  try {
    const source = new XeroSource(g.gateway, g.connectionId, organisation);
    const first = await measured(async () => buildAgeing(await readReportLedger(source), QUERY));
    figure(
      'pull everything, then the first ageing',
      `${(first.ms / 1000).toFixed(1)} s`,
      `${first.value.rows.length} rows; worst event-loop delay ${first.worstDelayMs.toFixed(0)} ms (the stand-in in this process)`,
    );

    // The old path for the same refresh: every cached invoice parsed and read through xero-node's models again.
    const old = await measured(async () => {
      const records = g.cache.records(TENANT, 'Invoices');
      return tableThroughModels('invoices', { Invoices: records }, organisation.baseCurrency).length;
    });
    figure(
      'baseline: invoices read again through xero-node',
      `${old.ms.toFixed(0)} ms`,
      `${old.value} invoices; worst event-loop delay ${old.worstDelayMs.toFixed(0)} ms`,
    );
    g.db.close();

    const refresh = await child<Refreshed>(
      { BENCH_CASE: 'refresh', BENCH_DB: dbPath, BENCH_KEY: g.key.toString('hex'), BENCH_API: g.basePath, BENCH_CONNECTION: g.connectionId },
      [],
      async () => {
        const invoices = g.standIn.records(TENANT, 'Invoices');
        const stamp = `/Date(${Date.UTC(2027, 0, 1)}+0000)/`;
        for (let i = 0; i < 10; i++) Object.assign(invoices[i * 9_000]!, { Reference: `Changed ${i}`, UpdatedDateUTC: stamp });
        return 'changed';
      },
    );
    figure(
      'refresh (10 changed invoices) + ageing, in a process of its own',
      `${refresh.ms.toFixed(0)} ms`,
      `reading ${refresh.readMs.toFixed(0)} ms; worst event-loop delay ${refresh.worstDelayMs.toFixed(0)} ms; ${refresh.rows} rows`,
    );
    figure('ratio (refresh + ageing / baseline invoices alone)', (refresh.ms / old.ms).toFixed(3));
    figure('memory (rss): this process / the refreshing one', `${mb(process.memoryUsage().rss)} / ${mb(refresh.rss)}`);
    target('refresh with 10 changed invoices, then an ageing report, within 200 ms', refresh.ms <= 200, `${refresh.ms.toFixed(0)} ms`);
    target('event loop never held more than 100 ms during that refresh', refresh.worstDelayMs <= 100, `${refresh.worstDelayMs.toFixed(0)} ms`);
  } finally {
    await g.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
