import { chunkRows, cellValue, columnLetter, excelDateSerial, rowBytes } from '../../core/sheets/cells';
import type { ColumnSpec } from '../../core/sheets/cells';
import { SheetConflictError, writeTable } from '../../addin/excel/tables';
import type { TableSpec } from '../../addin/excel/tables';
import { WorkbookDouble } from '../doubles/excel-workbook';

const columns: ColumnSpec[] = [
  { header: 'Code', kind: 'code' },
  { header: 'Name', kind: 'text' },
  { header: 'Balance', kind: 'money' },
];

const spec = (rows: TableSpec['rows']): TableSpec => ({ sheet: 'Xero Accounts', table: 'XeroAccounts', columns, rows });

describe('writing a Xero table into a sheet', () => {
  it('creates the sheet and the table, with codes and formula-looking names kept as text', async () => {
    const wb = new WorkbookDouble();
    const result = await writeTable(
      wb.context(),
      spec([
        ['0400', '=HYPERLINK Cellars & Co', 12.5],
        ['200', '+61 Imports', -3],
        ['090', '@home Wine Club', 0],
      ]),
    );
    expect(result).toMatchObject({ rows: 3, created: true, address: 'A1:C4' });
    expect(wb.values('Xero Accounts', 'A1:C4')).toEqual([
      ['Code', 'Name', 'Balance'],
      ['0400', '=HYPERLINK Cellars & Co', 12.5],
      ['200', '+61 Imports', -3],
      ['090', '@home Wine Club', 0],
    ]);
    expect(wb.cell('Xero Accounts', 'A2')?.format).toBe('@');
    expect(wb.cell('Xero Accounts', 'C2')?.format).toMatch(/#,##0\.00/);
    expect(wb.tables.get('XeroAccounts')?.rect).toEqual({ top: 0, left: 0, rows: 4, cols: 3 });
    expect(wb.sheets.get('Xero Accounts')?.frozenRows).toBe(1);
  });

  it('sets the text format on every text column before any value is written', async () => {
    const wb = new WorkbookDouble();
    await writeTable(wb.context(), spec([['0400', 'Sales', 1]]));
    const ops = wb.syncs.flatMap((s) => s.ops);
    const firstValues = ops.findIndex((op) => op === 'values');
    const bodyValues = ops.lastIndexOf('values');
    const textFormats = ops.map((op, i) => (op.startsWith('numberFormat "@"') ? i : -1)).filter((i) => i >= 0);
    expect(textFormats).toHaveLength(2);
    // the header row is written first; every body value comes after every text format
    expect(firstValues).toBeGreaterThanOrEqual(0);
    expect(Math.max(...textFormats)).toBeLessThan(bodyValues);
  });

  it('refreshes in place: the same table, resized, and the rows it gives up emptied', async () => {
    const wb = new WorkbookDouble();
    await writeTable(wb.context(), spec(Array.from({ length: 10 }, (_, i) => [`A${i}`, `Account ${i}`, i])));
    wb.type('Xero Accounts', 'E3', 'my note');
    await writeTable(
      wb.context(),
      spec([
        ['B1', 'Only one', 1],
        ['B2', 'Second', 2],
      ]),
    );
    expect(wb.tables.size).toBe(1);
    expect(wb.tables.get('XeroAccounts')?.rect.rows).toBe(3);
    expect(wb.values('Xero Accounts', 'A2:C4')).toEqual([
      ['B1', 'Only one', 1],
      ['B2', 'Second', 2],
      ['', '', ''],
    ]);
    expect(wb.values('Xero Accounts', 'A11:C11')).toEqual([['', '', '']]);
    expect(wb.cell('Xero Accounts', 'E3')?.value).toBe('my note');
  });

  it('refuses to grow over the user’s cells below the table, and writes nothing', async () => {
    const wb = new WorkbookDouble();
    await writeTable(wb.context(), spec([['A', 'One', 1]]));
    wb.type('Xero Accounts', 'B6', 'Totals, do not lose');
    const before = wb.syncs.length;
    await expect(writeTable(wb.context(), spec(Array.from({ length: 8 }, (_, i) => [`C${i}`, `N${i}`, i])))).rejects.toThrow(SheetConflictError);
    await expect(writeTable(wb.context(), spec(Array.from({ length: 8 }, (_, i) => [`C${i}`, `N${i}`, i])))).rejects.toThrow(/rows 3–9 .* B6 holds other data/);
    expect(
      wb.syncs
        .slice(before)
        .flatMap((s) => s.ops)
        .some((op) => op === 'values'),
    ).toBe(false);
    expect(wb.cell('Xero Accounts', 'B6')?.value).toBe('Totals, do not lose');
    expect(wb.values('Xero Accounts', 'A2:C2')).toEqual([['A', 'One', 1]]);
  });

  it('refuses to create the table over data on an existing sheet of the same name', async () => {
    const wb = new WorkbookDouble();
    wb.type('Xero Accounts', 'A1', 'my own list');
    await expect(writeTable(wb.context(), spec([['A', 'One', 1]]))).rejects.toThrow(/already holds data in A1/);
  });

  it('writes large tables in chunks, none over the limit, values first and formatting after', async () => {
    const wb = new WorkbookDouble();
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i).padStart(6, '0'), `Contact number ${i} with a longer name`, i * 1.25]);
    const progress: number[] = [];
    const result = await writeTable(wb.context(), spec(rows), { maxBytesPerSync: 64 * 1024, onProgress: (done) => progress.push(done) });
    const payload = rows.reduce((sum, row) => sum + rowBytes(row), 0);
    expect(result.syncs).toBeLessThanOrEqual(Math.ceil(payload / (64 * 1024)) + 3);
    for (const s of wb.syncs) expect(s.bytes).toBeLessThanOrEqual(64 * 1024 + 1024);
    expect(progress.at(-1)).toBe(5000);
    expect(wb.values('Xero Accounts', 'A5001:A5001')).toEqual([['004999']]);
    const last = wb.syncs.at(-1)!.ops;
    expect(last).toContain('freezeRows(1)');
    expect(last).not.toContain('values');
  });
});

describe('cell helpers', () => {
  it('escapes formula-looking text outside text columns with a hidden apostrophe', () => {
    expect(cellValue('=1+1', 'number')).toBe("'=1+1");
    expect(cellValue('-5 days', 'date')).toBe("'-5 days");
    expect(cellValue('=1+1', 'text')).toBe('=1+1');
    expect(cellValue(null, 'money')).toBe('');
  });

  it('names columns and dates as Excel does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(excelDateSerial('1900-03-01')).toBe(61);
    expect(excelDateSerial('2026-01-31')).toBe(46053);
  });

  it('splits rows so that no chunk passes the byte limit', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`row ${i}`, i]);
    const chunks = chunkRows(rows, 1000);
    expect(chunks.flat()).toHaveLength(1000);
    for (const chunk of chunks) expect(JSON.stringify(chunk).length).toBeLessThanOrEqual(1000);
  });
});

describe('mapping sheet rows', () => {
  it('reads the Action column as the row’s action, and blank cells as empty', async () => {
    const { mappingSheets, toMappingRow } = await import('../../addin/sheets/mapping-sheets');
    const def = mappingSheets['payment-methods'];
    expect(toMappingRow(def, 5, ['CASH', 'Cash drawer', 'Enable payments', '620', 'Cash', '', '', null, '', 'Approved', ''])).toEqual({
      row: 5,
      source: 'CASH',
      name: 'Cash drawer',
      action: 'enable-payments',
      target: '620',
      status: 'Approved',
    });
    expect(
      toMappingRow(mappingSheets['tax-rules'], 2, ['LUX', 'Luxury', 33, '', 'create tax rate', 'Luxury Car Tax', '', null, '', 'Draft', '']),
    ).toMatchObject({ action: 'create-tax-rate', rate: 33, usedWith: null, target: 'Luxury Car Tax' });
  });
});
