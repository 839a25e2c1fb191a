/**
 * Issue 17: the XERO worksheet functions' bundle, as the proxy serves it, in chromium through Excel's custom
 * functions runtime (Microsoft's file, with a CustomFunctions.associate recorder and OfficeRuntime.storage
 * stand-in beside it), answering from the real proxy process on the demo organisation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ageingResponseSchema,
  contactsResponseSchema,
  formulaNames,
  planResponseSchema,
  sessionResponseSchema,
  taxRatesResponseSchema,
} from '../../core/contract';
import { centsToDecimal } from '../../core/money';
import type { Cents } from '../../core/money';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { startProxy } from '../server/proxy-process';
import type { RunningProxy } from '../server/proxy-process';
import { chromiumAvailable, proxyJson } from './browser';
import { openFunctions } from './functions-runtime';
import type { CellOutcome, FunctionsSession } from './functions-runtime';

const AS_AT = '2026-10-31';
/** 31 October 2026 as Excel hands a date cell to a function: its serial number. */
const AS_AT_SERIAL = 46326;

const money = (cents: number): CellOutcome => ({ value: centsToDecimal(cents as Cents) });
const run = chromiumAvailable() ? describe : describe.skip;

run('the XERO worksheet functions in chromium, on the demo organisation', () => {
  let proxy: RunningProxy;
  let dataDir: string;
  let token: string;
  let s: FunctionsSession;
  const get = (urlPath: string) => proxyJson(proxy.origin, 'GET', `/api/orgs/${DEMO_TENANT_ID}${urlPath}`, { token });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-functions-'));
    proxy = await startProxy(dataDir, { https: true });
    token = sessionResponseSchema.parse(await proxyJson(proxy.origin, 'POST', '/auth/demo')).token;
    const shared = { token, tenantId: DEMO_TENANT_ID, proxy: proxy.origin };
    s = await openFunctions(proxy.origin, { 'xero-bridge.functions': JSON.stringify(shared) });
  }, 120_000);

  afterAll(async () => {
    await s?.close();
    await proxy?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('associates every function the metadata lists, and nothing leaves the machine', async () => {
    expect(await s.associated()).toEqual([...formulaNames].sort());
    expect(s.refused).toEqual([]);
  });

  it('BALANCE equals every customer’s ageing total, from a date cell, all in one request', async () => {
    const ageing = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&includeUnappliedCredits=true`));
    const before = s.formulaRequests();
    const cells = await s.recalculate(ageing.rows.map((r) => ['BALANCE', [r.contactName, AS_AT_SERIAL]] as const));
    expect(cells).toEqual(ageing.rows.map((r) => money(r.total)));
    expect(s.formulaRequests() - before).toBe(1);
  });

  it('AGEING gives each period of the report', async () => {
    const ageing = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&includeUnappliedCredits=true&periods=4&length=2&unit=week`));
    const row = ageing.rows.find((r) => r.columns.filter((c) => c !== 0).length >= 2)!;
    const periods = ['current', 1, 2, 3, 4, 'older', 'total'];
    const cells = await s.recalculate(periods.map((p) => ['AGEING', [row.contactName, AS_AT, p, 4, 2, 'week']] as const));
    expect(cells).toEqual([...row.columns, row.total].map(money));
  });

  it('OUTSTANDING gives an invoice’s remaining amount in its own currency', async () => {
    const ageing = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&currency=document&detail=invoices`));
    const lines = ageing.rows.flatMap((r) => r.lines ?? []).filter((l) => l.number && l.kind === 'invoice');
    const cells = await s.recalculate(lines.slice(0, 20).map((l) => ['OUTSTANDING', [l.number, AS_AT]] as const));
    expect(cells).toEqual(lines.slice(0, 20).map((l) => money(l.documentAmount)));
  });

  it('ACCOUNT, TAXRATE and CONTACT give the records’ fields; an account code typed as a number is found', async () => {
    const rate = taxRatesResponseSchema.parse(await get('/tax-rates')).records.find((t) => Number(t.effectiveRate) > 0)!;
    const contact = contactsResponseSchema.parse(await get('/contacts')).records.find((c) => c.email)!;
    const cells = await s.recalculate([
      ['ACCOUNT', [200]],
      ['TAXRATE', [rate.taxType, 'rate']],
      ['CONTACT', [contact.name, 'email']],
    ]);
    expect(cells).toEqual([{ value: 'Sales' }, { value: Number(rate.effectiveRate) }, { value: contact.email }]);
  });

  it('MAPPING gives the Xero code a source code was mapped to on the Mapping tab', async () => {
    const rows = [{ row: 2, source: 'POS-7', name: 'Cellar door sales', role: 'revenue', target: '200', status: 'Approved' }];
    const post = (p: string, body: object, key?: string) => proxyJson(proxy.origin, 'POST', `/api/orgs/${DEMO_TENANT_ID}/mappings${p}`, { token, body, key });
    const plan = planResponseSchema.parse(await post('/plan', { kind: 'accounts', rows }));
    await post('/apply', { kind: 'accounts', planVersion: plan.version, rows }, 'functions-e2e-mapping-1');
    expect(await s.recalculate([['MAPPING', ['accounts', 'POS-7']]])).toEqual([{ value: '200' }]);
  });

  it('shows #N/A for what the organisation does not have and #VALUE! for an argument it cannot take, with a message', async () => {
    const cells = await s.recalculate([
      ['BALANCE', ['Nobody Ltd']],
      ['MAPPING', ['accounts', 'POS-404']],
      ['AGEING', ['Nobody Ltd', AS_AT, 9]],
      ['OUTSTANDING', ['INV-0001', 'next week']],
    ]);
    expect(cells).toEqual([
      { error: '#N/A', message: expect.stringContaining('No contact named or numbered "Nobody Ltd"') },
      { error: '#N/A', message: expect.stringContaining('map it on the Mapping tab') },
      { error: '#VALUE!', message: expect.stringContaining('period must be current, 1 to 3, older or total') },
      { error: '#VALUE!', message: expect.stringContaining('asAt must be a date') },
    ]);
  });

  it('splits a recalculation of long arguments into requests the proxy takes (1,200 cells of 990 characters)', async () => {
    const before = s.formulaRequests();
    const long = 'N'.repeat(990);
    const cells = await s.recalculate(Array.from({ length: 1200 }, () => ['CONTACT', [long]] as const));
    expect(s.formulaRequests() - before).toBe(2);
    expect(new Set(cells.map((c) => ('error' in c ? c.error : 'value')))).toEqual(new Set(['#N/A']));
  });

  it('points to the pane when not signed in, and when the session has ended', async () => {
    await s.page.evaluate(() => (window as unknown as { __storage: Map<string, string> }).__storage.clear());
    expect(await s.recalculate([['BALANCE', ['Anyone']]])).toEqual([
      { error: '#N/A', message: expect.stringContaining('Not signed in: open the Xero Bridge pane') },
    ]);
    const ended = { token: 'x'.repeat(43), tenantId: DEMO_TENANT_ID, proxy: proxy.origin };
    await s.page.evaluate((v) => (window as unknown as { __storage: Map<string, string> }).__storage.set('xero-bridge.functions', v), JSON.stringify(ended));
    expect(await s.recalculate([['BALANCE', ['Anyone']]])).toEqual([
      { error: '#N/A', message: expect.stringContaining('sign in again on the Xero Bridge pane') },
    ]);
  });
});
