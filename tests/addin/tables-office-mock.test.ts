import { OfficeMockObject } from 'office-addin-mock';
import { rowBytes } from '../../core/sheets/cells';
import type { ColumnSpec } from '../../core/sheets/cells';
import { writeTable } from '../../addin/excel/tables';

/**
 * The Excel adapter against office-addin-mock's object model. office-addin-mock applies writes at once,
 * so every range's `values` and `numberFormat` are instrumented to record which sync batch they were
 * queued in, and in what order: that is what Excel runs, batch by batch, in order.
 */
function mockExcel() {
  let batch = 0;
  const events: Array<{ batch: number; what: 'values' | 'numberFormat'; address: string; value: unknown; bytes: number }> = [];
  const instrument = (address: string) => {
    const range = new OfficeMockObject({ address, format: { font: {}, autofitColumns: () => undefined }, clear: () => undefined }) as unknown as Record<
      string,
      unknown
    >;
    for (const what of ['values', 'numberFormat'] as const) {
      Object.defineProperty(range, what, {
        set(value: unknown) {
          events.push({ batch, what, address, value, bytes: Buffer.byteLength(JSON.stringify(value)) });
        },
        get() {
          return undefined;
        },
      });
    }
    return range;
  };
  const sheet = new OfficeMockObject({
    name: 'Xero Contacts',
    getRange: (address: string) => instrument(address),
    tables: { add: () => new OfficeMockObject({ name: '' }) },
    freezePanes: { freezeRows: () => undefined },
  });
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          missing: { name: '' },
          getItemOrNullObject(this: { missing: unknown }) {
            return this.missing;
          },
          add: () => sheet,
        },
        tables: {
          missing: { name: '' },
          getItemOrNullObject(this: { missing: unknown }) {
            return this.missing;
          },
        },
      },
      sync: async () => {
        batch++;
      },
    },
  }) as unknown as {
    context: Excel.RequestContext & { workbook: { worksheets: { missing: { isNullObject: boolean } }; tables: { missing: { isNullObject: boolean } } } };
  };
  // A new workbook: neither the sheet nor the table exists (Office.js's own flag on *OrNullObject results).
  mock.context.workbook.worksheets.missing.isNullObject = true;
  mock.context.workbook.tables.missing.isNullObject = true;
  return { context: mock.context as Excel.RequestContext, events, batches: () => batch };
}

const columns: ColumnSpec[] = [
  { header: 'Name', kind: 'text' },
  { header: 'Contact Number', kind: 'code' },
  { header: 'Balance', kind: 'money' },
];

describe('the Excel adapter, with office-addin-mock', () => {
  it('sets the text format on code and text columns before any value, and keeps formula-looking text as text', async () => {
    const excel = mockExcel();
    await writeTable(excel.context, {
      sheet: 'Xero Contacts',
      table: 'XeroContacts',
      columns,
      rows: [
        ['=HYPERLINK Cellars & Co', '0400', 12.5],
        ['@home Wine Club', '007', -1],
      ],
    });
    const textFormats = excel.events.filter((e) => e.what === 'numberFormat' && e.value === '@');
    expect(textFormats.map((e) => e.address)).toEqual(['A2:A3', 'B2:B3']);
    const body = excel.events.find((e) => e.what === 'values' && e.address === 'A2:C3')!;
    expect(body.value).toEqual([
      ['=HYPERLINK Cellars & Co', '0400', 12.5],
      ['@home Wine Club', '007', -1],
    ]);
    const lastFormat = Math.max(...excel.events.filter((e) => e.what === 'numberFormat').map((e) => excel.events.indexOf(e)));
    expect(excel.events.indexOf(body)).toBeGreaterThan(lastFormat);
    expect(excel.events.find((e) => e.what === 'numberFormat' && e.address === 'C2:C3')?.value).toMatch(/#,##0\.00/);
  });

  it('writes large tables in chunks that each stay under the limit, one sync per chunk', async () => {
    const excel = mockExcel();
    const rows = Array.from({ length: 3000 }, (_, i) => [`Customer ${i} with a reasonably long trading name`, String(i).padStart(6, '0'), i / 4]);
    const limit = 32 * 1024;
    const result = await writeTable(excel.context, { sheet: 'Xero Contacts', table: 'XeroContacts', columns, rows }, { maxBytesPerSync: limit });
    const perBatch = new Map<number, number>();
    for (const e of excel.events) perBatch.set(e.batch, (perBatch.get(e.batch) ?? 0) + e.bytes);
    for (const bytes of perBatch.values()) expect(bytes).toBeLessThanOrEqual(limit);
    const chunks = excel.events.filter((e) => e.what === 'values' && e.address !== 'A1:C1');
    expect(chunks.length).toBeGreaterThan(3);
    expect(new Set(chunks.map((c) => c.batch)).size).toBe(chunks.length);
    const payload = rows.reduce((n, r) => n + rowBytes(r), 0);
    expect(result.syncs).toBeLessThanOrEqual(Math.ceil(payload / limit) + 3);
    expect(chunks.reduce((n, c) => n + (c.value as unknown[]).length, 0)).toBe(3000);
  });
});
