import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { AgeingResponse, SummaryResponse } from '../../../core/contract';
import { inertCsvText } from '../../../core/formula';
import { cents } from '../../../core/money';
import { csvFile } from '../../../server/files/answers';
import { ageingCsv, summaryCsv } from '../../../server/reports/csv';
import { DEMO_TENANT_ID } from '../../../scripts/demo/generator';
import { testApp } from '../helpers';

/**
 * Finding 1 (high): a name with a line break followed by `=1+1` was written unquoted into CSV exports, so the
 * file gained a row whose first cell was a formula (csv-stringify stops quoting a lone LF or CR once
 * `record_delimiter` is set). Failed on main before this change: the lone LF came out unquoted.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text from outside as hostile as it gets: formula starts, line breaks of every kind, quotes and separators. */
const hostile = fc
  .array(fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '"', ',', ';', '=1+1', '=HYPERLINK("x")', ' '), fc.string({ maxLength: 4 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** Read as Excel reads a CSV file: a record ends at CRLF, LF or CR alike (outside quotes). */
const readBack = (body: string): string[][] =>
  parse(body.replace(/^\uFEFF/, ''), { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];

/** Every cell of every record: never a formula start, at the start of the cell or of any line in it. */
function expectInert(records: string[][]): void {
  for (const record of records) for (const cell of record) for (const line of cell.split(/\r\n|\r|\n/)) expect(line).not.toMatch(FORMULA_START);
}

function ageing(name: string, reference: string): AgeingResponse {
  const zero = cents(0);
  const line = {
    kind: 'invoice' as const,
    id: 'i1',
    number: name,
    reference,
    date: '2026-01-01',
    dueDate: '2026-01-31',
    currency: 'AUD',
    column: 0,
    amount: cents(-1250),
  };
  return {
    organisation: { tenantId: 't', name: 'Org' },
    generatedAt: '2026-11-27T00:00:00.000Z',
    options: {
      side: 'receivables',
      asAt: '2026-11-27',
      basis: 'due',
      periods: 1,
      length: 1,
      unit: 'month',
      titles: 'period',
      includeUnappliedCredits: false,
      reportDateOverdue: false,
      contactIds: null,
      currency: 'base',
      detail: 'invoices',
    },
    baseCurrency: 'AUD',
    columns: [
      { title: 'Current', from: null, to: null },
      { title: '1 month', from: null, to: null },
      { title: 'Older', from: null, to: null },
    ],
    rows: [{ contactId: 'c1', contactName: name, currency: 'AUD', columns: [cents(-1250), zero, zero], total: cents(-1250), lines: [line] }],
    totals: [{ currency: 'AUD', columns: [cents(-1250), zero, zero], total: cents(-1250) }],
    reconciliation: { reportTotal: cents(-1250), xeroTotal: null, difference: null, note: 'n/a' },
  } as unknown as AgeingResponse;
}

function summary(name: string, reference: string): SummaryResponse {
  const line = {
    date: '2026-01-05',
    kind: 'payment' as const,
    documentId: 'p1',
    number: name,
    reference,
    debit: cents(0),
    credit: cents(500),
    balance: cents(-500),
  };
  return {
    organisation: { tenantId: 't', name: 'Org' },
    generatedAt: '2026-11-27T00:00:00.000Z',
    options: { side: 'receivables', from: '2026-01-01', to: '2026-01-31', contactIds: null, currency: 'base' },
    baseCurrency: 'AUD',
    contacts: [
      { contactId: 'c1', contactName: name, currency: 'AUD', opening: cents(0), lines: [line], debits: cents(0), credits: cents(500), closing: cents(-500) },
    ],
    reconciliation: { reportTotal: cents(-500), xeroTotal: null, difference: null, note: 'n/a' },
  } as unknown as SummaryResponse;
}

describe('CSV exports never carry a formula (finding 1)', () => {
  it('quotes a lone line break, so a name never starts a record of its own', () => {
    const body = String(csvFile('x', [['Contact'], ['Acme\n=1+1'], ['Next\r@SUM(A1)']]).file.body);
    expect(body).toContain('"Acme\n=1+1"');
    expect(readBack(body)).toEqual([['Contact'], ['Acme\n=1+1'], ['Next\r@SUM(A1)']]);
  });

  it('ageing and account summary CSVs: hostile names and references come back as the same text, one cell each, inert on every line', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, reference) => {
        for (const [rows, nameAt, referenceAt] of [
          [ageingCsv(ageing(name, reference)), [1, 0], [1, 4]],
          [summaryCsv(summary(name, reference)), [2, 0], [2, 5]],
        ] as const) {
          const records = readBack(String(csvFile('report', rows).file.body));
          expect(records.length).toBe(rows.length);
          expect(records[nameAt[0]]![nameAt[1]]).toBe(inertCsvText(name));
          expect(records[referenceAt[0]]![referenceAt[1]]).toBe(inertCsvText(reference));
          expectInert(records.map((r) => r.filter((cell) => !/^-?[\d,]+\.\d\d$/.test(cell))));
        }
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('the stored mappings CSV: a hostile source code comes back as the same text in one cell', async () => {
    const t = testApp({ freshDemo: true });
    const token = (await request(t.app).post('/auth/demo').expect(201)).body.token as string;
    await fc.assert(
      fc.asyncProperty(
        hostile.filter((s) => s.trim() !== ''),
        async (source) => {
          t.db.prepare('DELETE FROM mappings').run();
          t.db
            .prepare('INSERT INTO mappings (tenant_id, kind, source_code, target, details, version, batch_id, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)')
            .run(DEMO_TENANT_ID, 'accounts', source, '200', JSON.stringify({ name: source }), 'b1', '2026-11-27T00:00:00Z');
          const res = await request(t.app).get(`/api/orgs/${DEMO_TENANT_ID}/mappings?format=csv`).set('Authorization', `Bearer ${token}`).buffer(true);
          const records = readBack(res.text);
          expect(records).toHaveLength(2);
          expect(records[1]![1]).toBe(inertCsvText(source));
          expectInert(records);
        },
      ),
      { numRuns: 60, seed: 1127 },
    );
  });
});
