import request from 'supertest';
import { parse as parseCsv } from 'csv-parse/sync';
import { ageingQuerySchema, ageingResponseSchema, errorBodySchema, sessionResponseSchema, summaryResponseSchema } from '../../core/contract';
import { formatCents } from '../../core/money';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { buildAgeing } from '../../server/reports/build';
import { ageingPdf } from '../../server/reports/pdf/ageing';
import { LedgerBuilder } from '../core/reports/ledger-builder';
import { pdfText, testApp } from './helpers';

const { app } = testApp();
let token = '';
beforeAll(async () => {
  token = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body).token;
});

const get = (url: string) => request(app).get(`/api/orgs/${DEMO_TENANT_ID}/reports/${url}`).set('Authorization', `Bearer ${token}`);

describe('aged receivables and payables for the demo organisation', () => {
  it('answers JSON whose rows add up to its totals, and does not compare an earlier as-at date with Xero’s balances', async () => {
    const res = await get('ageing?asAt=2026-10-31').expect(200);
    const report = ageingResponseSchema.parse(res.body);
    expect(report.columns.map((c) => c.title)).toEqual(['Current', '1 month', '2 months', '3 months', 'Older']);
    expect(report.rows.length).toBeGreaterThan(20);
    const sum = report.rows.reduce((n, r) => n + r.total, 0);
    expect(report.totals).toHaveLength(1);
    expect(report.totals[0]!.total).toBe(sum);
    for (const r of report.rows) expect(r.columns.reduce((n, c) => n + c, 0)).toBe(r.total);
    // As at another day than today, Xero's balances (today's) are not put beside the report as if comparable.
    expect(report.reconciliation).toMatchObject({ xeroTotal: null, difference: null });
    expect(report.reconciliation.note).toMatch(
      /^Not compared with Xero: its contact balances are today's \(\d{4}-\d{2}-\d{2}\) and this report is as at 2026-10-31/,
    );
  });

  it('reconciles with Xero’s balances when the report is as at today', async () => {
    // No as-at date: today. The demo's last document is dated 2026-10-31, so today's figures are the same.
    const report = ageingResponseSchema.parse((await get('ageing').expect(200)).body);
    expect(report.reconciliation.xeroTotal).not.toBeNull();
    // Xero's balances convert each open invoice once; the report converts each line: a few cents at most.
    expect(Math.abs(report.reconciliation.difference!)).toBeLessThan(100);
  });

  it('exports a CSV whose totals match the JSON, with formula-looking names kept as text', async () => {
    const json = ageingResponseSchema.parse((await get('ageing?asAt=2026-10-31').expect(200)).body);
    const res = await get('ageing?asAt=2026-10-31&format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    // The file says what it is, whose, and as at when; the same name for the PDF.
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Aged Receivables – Demo Harbour & Vine Wines Pty Ltd – as at 2026-10-31.csv')}`,
    );
    const rows = parseCsv(res.text.replace(/^\uFEFF/, '')) as string[][];
    const total = rows.find((r) => r[0] === 'Total')!;
    expect(total.slice(2)).toEqual([...json.totals[0]!.columns.map(formatCents), formatCents(json.totals[0]!.total)]);
    const names = rows.map((r) => r[0]);
    expect(names.some((n) => n?.startsWith('=') || n?.startsWith('@'))).toBe(false);
    expect(names).toContain("'@home Wine Club");
  });

  it('exports a PDF that opens, with the organisation, the columns and the totals', async () => {
    const json = ageingResponseSchema.parse((await get('ageing?asAt=2026-10-31&side=payables').expect(200)).body);
    const text = await pdfOf('ageing?asAt=2026-10-31&side=payables&format=pdf');
    expect(text).toContain('Demo: Harbour & Vine Wines Pty Ltd');
    expect(text).toContain('Aged Payables by due date');
    // Dates as the organisation's country writes them (Australia), with the month named.
    expect(text).toContain('as at 31 Oct 2026');
    // No date anywhere in it is left as yyyy-mm-dd, the reconciliation's included.
    expect(text).toContain('this report is as at 31 Oct 2026');
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(text).toContain('Page 1 of 1');
    // Made at a time in the organisation's own timezone (Sydney), which it names.
    expect(text).toMatch(/Generated \d{1,2} \w{3,4} \d{4}, \d{1,2}:\d{2} [ap]m AE[DS]T by Xero Bridge/);
    const grand = json.totals[0]!.total;
    expect(text.replace(/,/g, '')).toContain(formatCents(grand));
  });

  it('lists each invoice under its contact in the detail view, in each document’s currency when asked', async () => {
    const report = ageingResponseSchema.parse((await get('ageing?asAt=2026-10-31&detail=invoices&currency=document').expect(200)).body);
    const currencies = new Set(report.rows.map((r) => r.currency));
    expect(currencies.has('USD') || currencies.has('NZD')).toBe(true);
    for (const row of report.rows) expect(row.lines!.reduce((n, l) => n + l.amount, 0)).toBe(row.total);
    // In each document's currency, a line's amount is its document amount; its base amount is beside it, labelled.
    const lines = report.rows.flatMap((r) => r.lines!);
    for (const l of lines) expect(l.amount).toBe(l.documentAmount);
    const csv = parseCsv(
      (await get('ageing?asAt=2026-10-31&detail=invoices&currency=document&format=csv').expect(200)).text.replace(/^\uFEFF/, ''),
    ) as string[][];
    const header = csv[0]!;
    expect(header.slice(-4)).toEqual(['Total', 'Document Currency', 'In Document Currency', 'In AUD']);
    const foreign = lines.find((l) => l.currency !== 'AUD')!;
    const record = csv.find((r) => r[3] === foreign.number)!;
    expect(record.slice(-3)).toEqual([foreign.currency, formatCents(foreign.documentAmount), formatCents(foreign.baseAmount)]);
    expect(record[1]).toBe(foreign.currency);
  });

  it.each([
    ['periods=25', 'periods'],
    ['asAt=2026-02-30', 'asAt'],
    ['asAt=0100-01-01', 'asAt'],
    ['unit=fortnight', 'unit'],
    ['asat=2026-01-01', 'asat'],
    ['includeUnappliedCredits=maybe', 'includeUnappliedCredits'],
  ])('refuses %s with a 400 naming the field', async (q, field) => {
    const res = await get(`ageing?${q}`).expect(400);
    expect(errorBodySchema.parse(res.body).error.message).toContain(field);
  });
});

describe('account summaries for the demo organisation', () => {
  it('answers running balances that close at opening + debits − credits, and a CSV that matches', async () => {
    const report = summaryResponseSchema.parse((await get('account-summary?from=2026-08-01&to=2026-10-31').expect(200)).body);
    expect(report.contacts.length).toBeGreaterThan(10);
    for (const c of report.contacts) {
      expect(c.closing).toBe(c.opening + c.debits - c.credits);
      expect(c.lines.at(-1)?.balance ?? c.opening).toBe(c.closing);
    }
    const csv = parseCsv((await get('account-summary?from=2026-08-01&to=2026-10-31&format=csv').expect(200)).text.replace(/^\uFEFF/, '')) as string[][];
    const closings = csv.filter((r) => r[3] === 'Closing balance').map((r) => r[8]);
    expect(closings).toEqual(report.contacts.map((c) => formatCents(c.closing)));
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await get('account-summary?from=2026-10-01&to=2026-09-01').expect(400);
    expect(res.body.error.message).toMatch(/from must be on or before to/);
  });

  it('exports a PDF that opens', async () => {
    const text = await pdfOf('account-summary?from=2026-10-01&to=2026-10-31&format=pdf');
    expect(text).toContain('Customer Account Summary, 1 Oct 2026 to 31 Oct 2026');
    expect(text).toContain('Opening balance');
    expect(text).toContain('Closing balance');
    expect(text).toMatch(/Page 1 of \d+/);
  });
});

/** A figure as the PDF prints it, made here independently: grouped thousands, two decimals. */
const printed = (c: number) => (c / 100).toLocaleString('en-AU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function pdfOf(url: string): Promise<string> {
  const res = await get(url)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return pdfText(res.body as Buffer);
}

/** Every figure the text holds, as many times as it holds it. */
function figuresIn(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of text.matchAll(/(?<![\d.,])-?\d{1,3}(?:,\d{3})*\.\d{2}(?![\d.,])/g)) found.set(m[0], (found.get(m[0]) ?? 0) + 1);
  return found;
}

describe('a PDF a controller sends', () => {
  it.each([
    ['12 periods of one week', 'periods=12&length=1&unit=week'],
    ['24 periods of one month', 'periods=24&length=1&unit=month'],
  ])('prints every figure in full, none cut or run into another, with %s', async (_, periods) => {
    const url = `ageing?asAt=2026-10-31&includeUnappliedCredits=true&${periods}`;
    const json = ageingResponseSchema.parse((await get(url).expect(200)).body);
    const text = await pdfOf(`${url}&format=pdf`);
    const wanted = new Map<string, number>();
    for (const row of [...json.rows, ...json.totals]) for (const c of [...row.columns, row.total]) wanted.set(printed(c), (wanted.get(printed(c)) ?? 0) + 1);
    const found = figuresIn(text);
    const missing = [...wanted].filter(([f, n]) => (found.get(f) ?? 0) < n).map(([f, n]) => `${f} ×${n}, found ${found.get(f) ?? 0}`);
    expect(missing).toEqual([]);
    // A totals row and each column's share of it; the column header on every page.
    expect(text).toContain('% of total');
    expect(text).toContain('100.0%');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(p).toContain('Aged Receivables by due date, as at 31 Oct 2026');
      expect(p).toMatch(/Contact\s+Cur\.\s+Current/);
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it("shows each detail line's own amount in its currency and its base amount in base, under the contact's heading", async () => {
    const url = 'ageing?asAt=2026-10-31&detail=invoices';
    const base = ageingResponseSchema.parse((await get(url).expect(200)).body);
    const text = await pdfOf(`${url}&format=pdf`);
    const foreign = base.rows.flatMap((r) => (r.lines ?? []).filter((l) => l.currency !== base.baseCurrency).map((l) => ({ r, l })));
    expect(foreign.length).toBeGreaterThan(3);
    for (const { r, l } of foreign) {
      expect(text).toContain(`${l.currency} ${printed(l.documentAmount)}`);
      expect(l.amount).toBe(l.baseAmount);
      // The contact's heading, then its lines, then its subtotal.
      const heading = text.indexOf(`${r.contactName} (${r.currency})`);
      expect(heading).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(l.number!, heading)).toBeGreaterThan(heading);
      expect(text.indexOf(`Total ${r.contactName}`, heading)).toBeGreaterThan(text.indexOf(l.number!, heading));
    }
    // In each document's currency, the base amount is what is shown beside.
    const byDocument = ageingResponseSchema.parse((await get(`${url}&currency=document`).expect(200)).body);
    const documentText = await pdfOf(`${url}&currency=document&format=pdf`);
    for (const l of byDocument.rows.flatMap((r) => r.lines ?? []).filter((x) => x.currency !== byDocument.baseCurrency))
      expect(documentText).toContain(`AUD ${printed(l.baseAmount)}`);
  });

  it('prints Japanese, Cyrillic, Arabic and Hebrew names, and marks what no font has', async () => {
    const names = ['株式会社さくら', 'Иванов и партнёры', 'شركة النور للتجارة', 'שלום בע״מ', 'Ωμέγα Ltd', '🍷 Wine Bar'];
    const b = new LedgerBuilder();
    names.forEach((name, i) => {
      b.invoice({ contact: `c${i + 3}`, date: '2026-09-01', total: 1234_56 + i }).contactName = name;
    });
    const report = buildAgeing({ ...b.ledger, contacts: [] }, ageingQuerySchema.parse({ asAt: '2026-10-31' }));
    const text = pdfText(await ageingPdf(report));
    for (const name of names.slice(0, 5)) expect(text).toContain(name);
    expect(text).toContain('\ufffd Wine Bar');
    expect(text).not.toContain('?');
  });
});
