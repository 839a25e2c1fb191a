import { generateDemo } from '../scripts/demo/generator';
import { PAGE_SIZE } from '../server/xero/gateway';
import { endpointNames } from '../server/xero/raw';
import type { EndpointName } from '../server/xero/raw';
import { TENANT } from '../tests/server/xero-harness';
import { standInGateway } from './stand-in';
import { figure, heading, mb, ms, target } from './format';

const PAGED: EndpointName[] = ['Contacts', 'Invoices', 'CreditNotes', 'Payments', 'Overpayments', 'Prepayments'];

async function run(bodies: ReturnType<typeof generateDemo>, pageSize: number) {
  // Answers take a moment, so calls overlap as over a network.
  const { clock, standIn, gateway, connectionId, close } = await standInGateway(bodies, { pageSize, latencyMs: 2 });
  const startedAt = clock.now();
  const wall = process.hrtime.bigint();
  const results = await Promise.all(endpointNames.map((e) => gateway.pull(connectionId, TENANT, e, { full: true })));
  const full = { calls: standIn.calls.length, wallMs: ms(wall), xeroMs: clock.now() - startedAt, records: results.reduce((n, r) => n + r.records.length, 0) };
  const peak = {
    inFlight: standIn.peakInFlight,
    perMinute: standIn.peakPerMinute,
    rateLimited: standIn.rateLimited,
    proxyInFlight: gateway.limiter(TENANT).stats.peakInFlight,
  };
  const before = standIn.calls.length;
  await Promise.all(endpointNames.map((e) => gateway.pull(connectionId, TENANT, e)));
  const refreshCalls = standIn.calls.length - before;
  await close();
  return { standIn, full, peak, refreshCalls };
}

/** A full pull of a large organisation, and a refresh with nothing changed, against the Xero stand-in. */
export async function benchPull(): Promise<void> {
  heading('Pull: 10,000 contacts and 100,000 invoices from the Xero stand-in (its limits enforced, virtual clock)');
  const t = process.hrtime.bigint();
  const bodies = generateDemo({ customers: 9972, suppliers: 28, salesInvoices: 90000, bills: 9998 });
  figure('generate organisation', `${ms(t).toFixed(0)} ms`);
  const count = (e: EndpointName) => ((bodies[e] as Record<string, unknown[]>)[e === 'Organisation' ? 'Organisations' : e] ?? []).length;
  const minimum = endpointNames.reduce((n, e) => n + (PAGED.includes(e) ? Math.max(1, Math.ceil(count(e) / PAGE_SIZE)) : 1), 0);
  figure('records: contacts / invoices / payments', `${count('Contacts')} / ${count('Invoices')} / ${count('Payments')}`);

  const ours = await run(bodies, PAGE_SIZE);
  figure('full pull: calls', String(ours.full.calls), `minimum ${minimum}, allowed ${minimum + endpointNames.length}`);
  figure('full pull: records cached', String(ours.full.records));
  figure('full pull: wall time', `${ours.full.wallMs.toFixed(0)} ms`, 'proxy + stand-in on loopback');
  figure('full pull: Xero time (virtual)', `${(ours.full.xeroMs / 1000).toFixed(0)} s`, 'waiting for the 60-a-minute limit');
  figure('peak calls in flight (seen by Xero)', String(ours.peak.inFlight), `limit 5; proxy side ${ours.peak.proxyInFlight}`);
  figure('peak calls in any minute', String(ours.peak.perMinute), 'limit 60');
  figure('429 answers', String(ours.peak.rateLimited));
  figure('refresh, nothing changed: calls', String(ours.refreshCalls), `${endpointNames.length} endpoints`);
  figure('memory (rss)', mb(process.memoryUsage().rss));

  const baseline = await run(bodies, 100);
  figure('baseline (Xero default pageSize 100): calls', String(baseline.full.calls));
  figure('calls ratio (ours / baseline)', (ours.full.calls / baseline.full.calls).toFixed(3));

  target(
    'full pull within minimum + 1 per endpoint',
    ours.full.calls <= minimum + endpointNames.length,
    `${ours.full.calls} ≤ ${minimum + endpointNames.length}`,
  );
  target('never more than 5 in flight', ours.peak.inFlight <= 5, String(ours.peak.inFlight));
  target('never more than 60 in a minute', ours.peak.perMinute <= 60, String(ours.peak.perMinute));
  target('Xero never had to answer 429', ours.peak.rateLimited === 0, String(ours.peak.rateLimited));
  target('refresh with nothing changed: one call per endpoint', ours.refreshCalls === endpointNames.length, String(ours.refreshCalls));
}
