import type { AgeingResponse, SummaryResponse } from '../../core/contract';
import { inertCsvText } from '../../core/formula';
import { formatCents } from '../../core/money';
import type { Cents } from '../../core/money';
import { summaryLineCells } from './summary-lines';

/** Text from outside (contact names, references) must never become a formula when the CSV is opened in Excel. */
const safeText = (value: string | null): string => (value === null ? '' : inertCsvText(value));

const money = (c: Cents) => formatCents(c);

/** The ageing report's CSV records (header first). */
export function ageingCsv(r: AgeingResponse): string[][] {
  const titles = r.columns.map((c) => c.title);
  const rows: string[][] = [];
  const detail = r.options.detail === 'invoices';
  rows.push(
    detail
      ? [
          'Contact',
          'Currency',
          'Document',
          'Number',
          'Reference',
          'Date',
          'Due Date',
          ...titles,
          'Total',
          'Document Currency',
          'In Document Currency',
          `In ${r.baseCurrency}`,
        ]
      : ['Contact', 'Currency', ...titles, 'Total'],
  );
  const pad = detail ? ['', '', '', '', ''] : [];
  for (const row of r.rows) {
    if (detail) {
      for (const line of row.lines ?? []) {
        const cells = titles.map((_, i) => (i === line.column ? money(line.amount) : ''));
        rows.push([
          safeText(row.contactName),
          row.currency,
          line.kind,
          safeText(line.number),
          safeText(line.reference),
          line.date,
          line.dueDate ?? '',
          ...cells,
          money(line.amount),
          line.currency,
          money(line.documentAmount),
          money(line.baseAmount),
        ]);
      }
    }
    rows.push([safeText(row.contactName), row.currency, ...(detail ? ['Total', '', '', '', ''] : []), ...row.columns.map(money), money(row.total)]);
  }
  for (const t of r.totals) rows.push(['Total', t.currency, ...pad, ...t.columns.map(money), money(t.total)]);
  rows.push([]);
  rows.push([
    'Reconciliation',
    r.baseCurrency,
    `Report ${money(r.reconciliation.reportTotal)}`,
    r.reconciliation.xeroTotal === null ? r.reconciliation.note : `Xero ${money(r.reconciliation.xeroTotal)}`,
    r.reconciliation.difference === null ? '' : `Difference ${money(r.reconciliation.difference)}`,
  ]);
  // Every record as wide as the header, so spreadsheets and CSV readers take it as one table.
  const width = (rows[0] as string[]).length;
  return rows.map((row) => [...row, ...new Array<string>(Math.max(0, width - row.length)).fill('')]);
}

/** The account summary's CSV records (header first). */
export function summaryCsv(r: SummaryResponse): string[][] {
  const rows: string[][] = [['Contact', 'Currency', 'Date', 'Line', 'Number', 'Reference', 'Debit', 'Credit', 'Balance']];
  for (const c of r.contacts) {
    const name = safeText(c.contactName);
    rows.push([name, c.currency, r.options.from, 'Opening balance', '', '', '', '', money(c.opening)]);
    for (const l of c.lines) rows.push([name, c.currency, ...summaryLineCells(l, safeText)]);
    rows.push([name, c.currency, r.options.to, 'Closing balance', '', '', money(c.debits), money(c.credits), money(c.closing)]);
  }
  return rows;
}
