import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse as parseCsv } from 'csv-parse/sync';
import { ageingResponseSchema, errorBodySchema, sessionResponseSchema, summaryResponseSchema } from '../../core/contract';
import { formatCents } from '../../core/money';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { testApp } from './helpers';

const { app } = testApp();
let token = '';
beforeAll(async () => {
  token = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body).token;
});

const get = (url: string) => request(app).get(`/api/orgs/${DEMO_TENANT_ID}/reports/${url}`).set('Authorization', `Bearer ${token}`);

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    try {
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw new Error('pdftotext is not installed: apt-get install poppler-utils');
      throw err;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

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
    const res = await get('ageing?asAt=2026-10-31&side=payables&format=pdf')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Demo: Harbour & Vine Wines Pty Ltd');
    expect(text).toContain('Aged Payables by due date');
    expect(text).toContain('As at 2026-10-31');
    const grand = json.totals[0]!.total;
    expect(text.replace(/,/g, '')).toContain(formatCents(grand));
  });

  it('lists each invoice under its contact in the detail view, in each document’s currency when asked', async () => {
    const report = ageingResponseSchema.parse((await get('ageing?asAt=2026-10-31&detail=invoices&currency=document').expect(200)).body);
    const currencies = new Set(report.rows.map((r) => r.currency));
    expect(currencies.has('USD') || currencies.has('NZD')).toBe(true);
    for (const row of report.rows) expect(row.lines!.reduce((n, l) => n + l.amount, 0)).toBe(row.total);
  });

  it.each([
    ['periods=13', 'periods'],
    ['asAt=2026-02-30', 'asAt'],
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
    const res = await get('account-summary?from=2026-10-01&to=2026-10-31&format=pdf')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Account Summary (receivables)');
    expect(text).toContain('Opening');
    expect(text).toContain('Closing');
  });
});
