import request from 'supertest';
import {
  accountsResponseSchema,
  ageingResponseSchema,
  contactsResponseSchema,
  errorBodySchema,
  formulasResponseSchema,
  planResponseSchema,
  sessionResponseSchema,
  summaryResponseSchema,
  taxRatesResponseSchema,
} from '../../core/contract';
import type { FormulaCall, FormulaResult } from '../../core/contract';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { testApp } from './helpers';

/** Issue 17: the worksheet functions' batch route, against the demo organisation's own reports. */
const AS_AT = '2026-10-31';
const { app } = testApp();
const base = `/api/orgs/${DEMO_TENANT_ID}`;
let token = '';

beforeAll(async () => {
  token = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body).token;
});

const get = async (path: string) => (await request(app).get(`${base}${path}`).set('Authorization', `Bearer ${token}`).expect(200)).body as unknown;

async function evaluate(calls: FormulaCall[]): Promise<FormulaResult[]> {
  const res = await request(app).post(`${base}/formulas`).set('Authorization', `Bearer ${token}`).send({ calls }).expect(200);
  return formulasResponseSchema.parse(res.body).results;
}

const money = (cents: number): FormulaResult => ({ kind: 'money', cents }) as FormulaResult;
const call = (name: FormulaCall['name'], ...args: FormulaCall['args']): FormulaCall => ({ name, args });

describe('worksheet functions', () => {
  it('BALANCE equals each customer’s ageing total (unapplied credits shown) and closing balance, found by name, account number or id', async () => {
    const ageing = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&includeUnappliedCredits=true`));
    const summary = summaryResponseSchema.parse(await get(`/reports/account-summary?from=2026-10-01&to=${AS_AT}`));
    const contacts = contactsResponseSchema.parse(await get('/contacts')).records;
    expect(ageing.rows.length).toBeGreaterThan(10);
    const byName = await evaluate(ageing.rows.map((r) => call('BALANCE', r.contactName, AS_AT)));
    expect(byName).toEqual(ageing.rows.map((r) => money(r.total)));
    const byId = await evaluate(ageing.rows.map((r) => call('BALANCE', r.contactId, AS_AT)));
    expect(byId).toEqual(byName);
    const numbered = ageing.rows.filter((r) => contacts.find((c) => c.contactId === r.contactId)?.accountNumber);
    expect(numbered.length).toBeGreaterThan(0);
    const byNumber = await evaluate(numbered.map((r) => call('BALANCE', contacts.find((c) => c.contactId === r.contactId)!.accountNumber!, AS_AT)));
    expect(byNumber).toEqual(numbered.map((r) => money(r.total)));
    // The account summary's closing balance for the month is the same figure.
    for (const c of summary.contacts.filter((s) => s.closing !== 0).slice(0, 10)) {
      expect((await evaluate([call('BALANCE', c.contactId, AS_AT)]))[0]).toEqual(money(c.closing));
    }
  });

  it('BALANCE in a document currency equals that currency’s ageing row; a contact with nothing owing is 0', async () => {
    const ageing = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&includeUnappliedCredits=true&currency=document`));
    const foreign = ageing.rows.filter((r) => r.currency !== ageing.baseCurrency);
    expect(foreign.length).toBeGreaterThan(0);
    expect(await evaluate(foreign.map((r) => call('BALANCE', r.contactId, AS_AT, 'receivables', r.currency)))).toEqual(foreign.map((r) => money(r.total)));
    const payables = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&side=payables&includeUnappliedCredits=true`));
    const supplier = payables.rows[0]!;
    expect(await evaluate([call('BALANCE', supplier.contactId, AS_AT, 'payables'), call('BALANCE', supplier.contactId, '1990-01-01', 'payables')])).toEqual([
      money(supplier.total),
      money(0),
    ]);
  });

  it('AGEING gives each period’s figure of the ageing report, with its periods, length, unit and basis', async () => {
    const q = `asAt=${AS_AT}&includeUnappliedCredits=true&periods=4&length=30&unit=day&basis=invoice`;
    const ageing = ageingResponseSchema.parse(await get(`/reports/ageing?${q}`));
    const periods = ['current', 1, 2, 3, 4, 'older', 'total'] as const;
    for (const row of ageing.rows.slice(0, 12)) {
      const results = await evaluate(periods.map((p) => call('AGEING', row.contactName, AS_AT, p, 4, 30, 'day', 'invoice')));
      expect(results).toEqual([...row.columns, row.total].map(money));
    }
    // Xero's defaults: three months by due date.
    const defaults = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&includeUnappliedCredits=true`));
    const row = defaults.rows[0]!;
    expect(await evaluate([call('AGEING', row.contactId, AS_AT, 'older')])).toEqual([money(row.columns[4]!)]);
  });

  it('OUTSTANDING gives what is left of an invoice or credit note by its number, as at a date; a paid one is 0', async () => {
    const ageing = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=${AS_AT}&currency=document&detail=invoices`));
    const lines = ageing.rows.flatMap((r) => r.lines ?? []).filter((l) => l.number);
    expect(lines.some((l) => l.kind === 'credit-note')).toBe(true);
    const results = await evaluate(lines.map((l) => call('OUTSTANDING', l.number, AS_AT)));
    expect(results).toEqual(lines.map((l) => money(l.documentAmount)));
    // An invoice outstanding at the end of June and paid by the end of October.
    const june = ageingResponseSchema.parse(await get(`/reports/ageing?asAt=2026-06-30&currency=document&detail=invoices`));
    const open = new Set(lines.map((l) => l.number));
    const paid = june.rows.flatMap((r) => r.lines ?? []).find((l) => l.kind === 'invoice' && l.number && !open.has(l.number));
    expect(paid).toBeDefined();
    expect(await evaluate([call('OUTSTANDING', paid!.number, AS_AT), call('OUTSTANDING', paid!.number, '2026-06-30')])).toEqual([
      money(0),
      money(paid!.documentAmount),
    ]);
  });

  it('ACCOUNT, TAXRATE and CONTACT give the pulled records’ fields', async () => {
    const account = accountsResponseSchema.parse(await get('/accounts')).records.find((a) => a.code && a.taxType)!;
    const rate = taxRatesResponseSchema.parse(await get('/tax-rates')).records.find((t) => Number(t.effectiveRate) > 0)!;
    const contact = contactsResponseSchema.parse(await get('/contacts')).records.find((c) => c.email && c.accountNumber)!;
    const results = await evaluate([
      call('ACCOUNT', account.code),
      call('ACCOUNT', account.code, 'Tax Type'),
      call('TAXRATE', rate.taxType, 'rate'),
      call('TAXRATE', rate.name),
      call('CONTACT', contact.accountNumber, 'email'),
      call('CONTACT', contact.name.toUpperCase(), 'id'),
    ]);
    expect(results).toEqual([
      { kind: 'text', value: account.name },
      { kind: 'text', value: account.taxType },
      { kind: 'number', value: Number(rate.effectiveRate) },
      { kind: 'text', value: rate.name },
      { kind: 'text', value: contact.email },
      { kind: 'text', value: contact.contactId },
    ]);
  });

  it('answers #N/A for what the organisation does not have and #VALUE! for arguments it cannot take, and still answers the rest', async () => {
    const results = await evaluate([
      call('BALANCE', 'Nobody Ltd'),
      call('BALANCE', 'Nobody Ltd', 'last tuesday'),
      call('ACCOUNT', '9999'),
      call('ACCOUNT', '200', 'colour'),
      call('OUTSTANDING', 'INV-NONE'),
      call('AGEING', 'Nobody Ltd'),
      call('MAPPING', 'accounts', 'POS-1'),
      call('MAPPING', 'colours', 'POS-1'),
      call('TAXRATE', ''),
    ]);
    const shown = results.map((r) => (r.kind === 'error' ? [r.error, r.message] : r));
    expect(shown).toEqual([
      ['notAvailable', expect.stringContaining('No contact named or numbered "Nobody Ltd"')],
      ['invalidValue', expect.stringContaining('asAt must be a date')],
      ['notAvailable', expect.stringContaining('No account with code "9999"')],
      ['invalidValue', expect.stringContaining('ACCOUNT has no field "colour"')],
      ['notAvailable', expect.stringContaining('No invoice or credit note numbered "INV-NONE"')],
      ['invalidValue', expect.stringContaining('asAt is missing')],
      ['notAvailable', expect.stringContaining('map it on the Mapping tab')],
      ['invalidValue', expect.stringContaining('kind must be one of')],
      ['invalidValue', 'taxType is missing'],
    ]);
  });

  it('answers every cell of the README’s example sheet', async () => {
    const results = await evaluate([
      call('BALANCE', 'Wattle Providores', 46326),
      call('AGEING', 'Wattle Providores', 46326, 'older'),
      call('CONTACT', 'Wattle Providores', 'email'),
      call('BALANCE', 'Sandstone Bistro', 46326),
      call('BALANCE', 'Wattle Providores', 46326, null, 'USD'),
      call('OUTSTANDING', 'INV-0042', 46326),
      call('ACCOUNT', 200),
    ]);
    expect(results.filter((r) => r.kind === 'error')).toEqual([]);
    expect(results[6]).toEqual({ kind: 'text', value: 'Sales' });
  });

  it('refuses a malformed request with the call and field, and more calls than a request carries', async () => {
    const res = await request(app)
      .post(`${base}/formulas`)
      .set('Authorization', `Bearer ${token}`)
      .send({ calls: [call('BALANCE', 'A'), { name: 'SUM', args: [] }] })
      .expect(400);
    expect(errorBodySchema.parse(res.body).error.problems).toEqual([expect.objectContaining({ row: 2, field: 'calls.name' })]);
    const many = Array.from({ length: 2001 }, () => call('BALANCE', 'A'));
    const big = await request(app).post(`${base}/formulas`).set('Authorization', `Bearer ${token}`).send({ calls: many }).expect(400);
    expect(errorBodySchema.parse(big.body).error.message).toContain('at most 2,000 calls a request');
    await request(app)
      .post(`${base}/formulas`)
      .send({ calls: [call('BALANCE', 'A')] })
      .expect(401);
  });
});

describe('MAPPING', () => {
  it('gives the Xero code a source code was mapped to once the mapping is written, and #N/A before', async () => {
    const t = testApp({ freshDemo: true });
    const session = sessionResponseSchema.parse((await request(t.app).post('/auth/demo').expect(201)).body).token;
    const post = (path: string, body: object, key?: string) => {
      let r = request(t.app).post(`${base}${path}`).set('Authorization', `Bearer ${session}`);
      if (key) r = r.set('Idempotency-Key', key);
      return r.send(body);
    };
    const ask = async () => formulasResponseSchema.parse((await post('/formulas', { calls: [call('MAPPING', 'Accounts', 'pos-1')] }).expect(200)).body).results;
    expect((await ask())[0]).toMatchObject({ kind: 'error', error: 'notAvailable' });
    const rows = [{ row: 2, source: 'POS-1', name: 'Shop sales', role: 'revenue', target: '200', status: 'Approved' }];
    const plan = planResponseSchema.parse((await post('/mappings/plan', { kind: 'accounts', rows }).expect(200)).body);
    await post('/mappings/apply', { kind: 'accounts', planVersion: plan.version, rows }, 'formulas-mapping-0001').expect(200);
    expect(await ask()).toEqual([{ kind: 'text', value: '200' }]);
  });
});

describe('a batch of many different reports', () => {
  it('lets other requests through while it is evaluated (2,000 cells, each its own ageing report)', async () => {
    const server = testApp().app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const session = sessionResponseSchema.parse(await (await fetch(`${origin}/auth/demo`, { method: 'POST' })).json()).token;
      const calls = Array.from({ length: 2000 }, (_, i) => call('AGEING', 'Wattle Providores', AS_AT, 'total', 1 + (i % 24), 1 + Math.floor(i / 24), 'day'));
      const finished: string[] = [];
      const batch = fetch(`${origin}${base}/formulas`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ calls }),
      }).then(async (r) => {
        finished.push('formulas');
        return formulasResponseSchema.parse(await r.json()).results;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await fetch(`${origin}/healthz`).then(() => finished.push('health'));
      const results = await batch;
      expect(finished).toEqual(['health', 'formulas']);
      expect(results.filter((r) => r.kind !== 'money')).toEqual([]);
    } finally {
      server.close();
    }
  });
});
