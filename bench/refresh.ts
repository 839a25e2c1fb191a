import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ageingQuerySchema } from '../core/contract';
import { generateDemo } from '../scripts/demo/generator';
import { buildAgeing, readReportLedger } from '../server/reports/build';
import { XeroSource } from '../server/sources/xero';
import { tableThroughModels } from '../server/xero/deserialize';
import { organisation, TENANT } from '../tests/server/xero-harness';
import { standInGateway } from './stand-in';
import { figure, heading, mb, ms, target } from './format';

const QUERY = ageingQuerySchema.parse({ asAt: '2026-10-31' });

/** Runs `work`, measuring its wall time and the event loop's worst delay meanwhile. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; worstDelayMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // One turn of the loop first, so that the monitor's timer runs and a stall from the first line on is counted.
  await new Promise((resolve) => setTimeout(resolve, 15));
  const t = process.hrtime.bigint();
  const value = await work();
  const took = ms(t);
  // One turn of the loop, so that a stall that lasted until now is counted.
  await new Promise((resolve) => setTimeout(resolve, 25));
  delay.disable();
  return { value, ms: took, worstDelayMs: delay.max / 1e6 };
}

/**
 * A connected 100,000-invoice organisation: the first ageing report after the proxy has pulled it, then a refresh
 * that brings 10 changed invoices followed by an ageing report. Baseline in the same run: the old read path, every
 * cached invoice parsed again and read through xero-node's ObjectSerializer.
 */
export async function benchRefresh(): Promise<void> {
  heading('Refresh: 100,000-invoice organisation through the gateway; 10 invoices change in Xero, then an ageing report');
  const bodies = generateDemo({ seed: 'refresh-bench', customers: 5972, suppliers: 28, salesInvoices: 90000, bills: 10000 });
  const { standIn, cache, gateway, connectionId, close } = await standInGateway(bodies);
  try {
    const source = new XeroSource(gateway, connectionId, organisation);
    const first = await measured(async () => buildAgeing(await readReportLedger(source), QUERY));
    figure(
      'pull everything, then the first ageing',
      `${(first.ms / 1000).toFixed(1)} s`,
      `${first.value.rows.length} rows; worst event-loop delay ${first.worstDelayMs.toFixed(0)} ms`,
    );

    const invoices = standIn.records(TENANT, 'Invoices');
    const stamp = `/Date(${Date.UTC(2027, 0, 1)}+0000)/`;
    for (let i = 0; i < 10; i++) Object.assign(invoices[i * 9_000]!, { Reference: `Changed ${i}`, UpdatedDateUTC: stamp });
    let readMs = 0;
    const refresh = await measured(async () => {
      const t = process.hrtime.bigint();
      const ledger = await readReportLedger(source);
      readMs = ms(t);
      return buildAgeing(ledger, QUERY);
    });
    figure(
      'refresh (10 changed invoices) + ageing',
      `${refresh.ms.toFixed(0)} ms`,
      `reading ${readMs.toFixed(0)} ms; worst event-loop delay ${refresh.worstDelayMs.toFixed(0)} ms`,
    );

    // The old path for the same refresh: every cached invoice parsed and read through xero-node's models again.
    const old = await measured(async () => {
      const records = cache.records(TENANT, 'Invoices');
      return tableThroughModels('invoices', { Invoices: records }, organisation.baseCurrency).length;
    });
    figure(
      'baseline: invoices read again through xero-node',
      `${old.ms.toFixed(0)} ms`,
      `${old.value} invoices; worst event-loop delay ${old.worstDelayMs.toFixed(0)} ms`,
    );
    figure('ratio (refresh + ageing / baseline invoices alone)', (refresh.ms / old.ms).toFixed(3));
    figure('memory (rss)', mb(process.memoryUsage().rss));
    target('refresh with 10 changed invoices, then an ageing report, within 200 ms', refresh.ms <= 200, `${refresh.ms.toFixed(0)} ms`);
    target('event loop never held more than 100 ms during that refresh', refresh.worstDelayMs <= 100, `${refresh.worstDelayMs.toFixed(0)} ms`);
  } finally {
    await close();
  }
}
