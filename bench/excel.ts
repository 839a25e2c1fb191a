import { rowBytes } from '../core/sheets/cells';
import type { CellValue, ColumnSpec } from '../core/sheets/cells';
import { DEFAULT_MAX_BYTES, writeTable } from '../addin/excel/tables';
import { contactsTable } from '../addin/sheets/xero-tables';
import { WorkbookDouble } from '../tests/doubles/excel-workbook';
import { figure, heading, mb, ms, target } from './format';

/** The Xero Contacts sheet's first 12 columns. */
const columns: ColumnSpec[] = contactsTable.columns.slice(0, 12);

function rows(n: number): CellValue[][] {
  return Array.from({ length: n }, (_, i) => [
    i % 500 === 0 ? `=Formula-looking name ${i}` : `Customer number ${i} Pty Ltd`,
    `C${String(i).padStart(6, '0')}`,
    String(i).padStart(8, '0'),
    'ACTIVE',
    `accounts${i}@customer${i}.example`,
    true,
    i % 3 === 0,
    'AUD',
    '0400',
    'OUTPUT',
    (i * 137) / 100,
    `0000${i}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`,
  ]);
}

/** Writing 100,000 rows × 12 columns into a recording workbook: syncs and bytes per sync. */
export async function benchExcel(): Promise<void> {
  heading('Excel: write 100,000 rows × 12 columns into a recording workbook double');
  const data = rows(100_000);
  const payload = data.reduce((n, r) => n + rowBytes(r.map((v) => (v === null ? '' : v))), 0);
  const wb = new WorkbookDouble();
  const t = process.hrtime.bigint();
  const result = await writeTable(wb.context(), { sheet: 'Xero Contacts', table: 'XeroContacts', columns, rows: data });
  const wall = ms(t);
  const bound = Math.ceil(payload / DEFAULT_MAX_BYTES) + 3;
  const largest = Math.max(...wb.syncs.map((s) => s.bytes));
  figure('payload of values', mb(payload));
  figure('syncs', String(result.syncs), `allowed ceil(payload / 4 MB) + 3 = ${bound}`);
  figure('largest sync', mb(largest), 'limit 4 MB (Excel on the web refuses 5 MB)');
  figure('time (double, no Excel)', `${wall.toFixed(0)} ms`);

  // Baseline in the same process: fixed chunks of 1,000 rows whatever their size.
  const naive = new WorkbookDouble();
  const t2 = process.hrtime.bigint();
  const naiveResult = await writeTable(
    naive.context(),
    { sheet: 'Xero Contacts', table: 'XeroContacts', columns, rows: data },
    { maxBytesPerSync: 1000 * Math.ceil(payload / data.length) },
  );
  figure('baseline (1,000-row chunks): syncs', String(naiveResult.syncs), `${ms(t2).toFixed(0)} ms`);
  figure('syncs ratio (ours / baseline)', (result.syncs / naiveResult.syncs).toFixed(3));

  target('Excel write within ceil(payload/4 MB)+3 syncs', result.syncs <= bound, `${result.syncs} ≤ ${bound}`);
  target('no sync over 4 MB', largest <= DEFAULT_MAX_BYTES, mb(largest));
}
