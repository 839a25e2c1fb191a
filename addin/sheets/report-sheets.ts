import type { AgeingResponse, SummaryResponse } from '../../core/contract';
import { centsToDecimal, formatCents } from '../../core/money';
import type { Cents } from '../../core/money';
import { column, excelDateSerial } from '../../core/sheets/cells';
import type { CellValue, ColumnSpec } from '../../core/sheets/cells';

/** What a report sheet holds: a header block, one table and a totals row; built from a report answer. */
export type ReportSheet = {
  sheet: string;
  table: string;
  header: string[];
  columns: ColumnSpec[];
  rows: CellValue[][];
  totals: CellValue[][];
};

export type ReportKind = 'aged-receivables' | 'aged-payables' | 'account-summary';

export const REPORT_SHEETS: Record<ReportKind, { sheet: string; table: string; title: string }> = {
  'aged-receivables': { sheet: 'Aged Receivables', table: 'AgedReceivables', title: 'Aged Receivables' },
  'aged-payables': { sheet: 'Aged Payables', table: 'AgedPayables', title: 'Aged Payables' },
  'account-summary': { sheet: 'Account Summary', table: 'AccountSummary', title: 'Account Summary' },
};

const money = (c: Cents) => centsToDecimal(c);
/** Every report sheet starts with the contact and the currency of its figures. */
const CONTACT_COLUMNS = [column('Contact', 'text'), column('Currency', 'code')];

const date = (d: string | null) => (d ? excelDateSerial(d) : null);

function reconciliationLine(r: AgeingResponse['reconciliation'], base: string): string {
  if (r.xeroTotal === null) return `Reconciliation: ${r.note}`;
  const diff = r.difference === 0 ? 'no difference' : `difference ${formatCents(r.difference ?? (0 as Cents))}`;
  return `Reconciliation (${base}): report ${formatCents(r.reportTotal)}, Xero's contact balances ${formatCents(r.xeroTotal)}, ${diff}. ${r.note}.`;
}

export function ageingSheet(kind: 'aged-receivables' | 'aged-payables', r: AgeingResponse): ReportSheet {
  const o = r.options;
  const { sheet, table, title } = REPORT_SHEETS[kind];
  const detail = o.detail === 'invoices';
  const amountColumns: ColumnSpec[] = [...r.columns.map((c) => ({ header: c.title, kind: 'money' as const })), column('Total', 'money')];
  const documentColumns = [
    column('Document', 'text'),
    column('Number', 'code'),
    column('Reference', 'text'),
    column('Date', 'date'),
    column('Due Date', 'date'),
  ];
  // Each line's figures are in the row's currency; beside them, the document's own amount and the base amount, each labelled.
  const bothAmounts = [column('Document Currency', 'code'), column('In Document Currency', 'money'), column(`In ${r.baseCurrency}`, 'money')];
  const columns: ColumnSpec[] = [...CONTACT_COLUMNS, ...(detail ? documentColumns : []), ...amountColumns, ...(detail ? bothAmounts : [])];
  const rows: CellValue[][] = [];
  for (const row of r.rows) {
    if (detail) {
      for (const l of row.lines ?? []) {
        rows.push([
          row.contactName,
          row.currency,
          l.kind,
          l.number,
          l.reference,
          date(l.date),
          date(l.dueDate),
          ...r.columns.map((_, i) => (i === l.column ? money(l.amount) : null)),
          money(l.amount),
          l.currency,
          money(l.documentAmount),
          money(l.baseAmount),
        ]);
      }
    } else {
      rows.push([row.contactName, row.currency, ...row.columns.map(money), money(row.total)]);
    }
  }
  const pad = detail ? [null, null, null, null, null] : [];
  const after = detail ? [null, null, null] : [];
  const totals = r.totals.map((t) => ['Total', t.currency, ...pad, ...t.columns.map(money), money(t.total), ...after] as CellValue[]);
  return {
    sheet,
    table,
    header: [
      r.organisation.name,
      `${title} by ${o.basis === 'due' ? 'due date' : 'invoice date'}`,
      `As at ${o.asAt} · ${o.periods} periods of ${o.length} ${o.unit}${o.length > 1 ? 's' : ''} · ${o.currency === 'base' ? `in ${r.baseCurrency}` : "in each document's currency"}${o.includeUnappliedCredits ? ' · unapplied credits included' : ''}${o.contactIds ? ` · ${o.contactIds.length} contacts` : ''}`,
      `Generated ${r.generatedAt.replace('T', ' ').slice(0, 16)} UTC by Xero Bridge. This sheet is rebuilt on Refresh: keep your own notes on another sheet.`,
      reconciliationLine(r.reconciliation, r.baseCurrency),
    ],
    columns,
    rows,
    totals,
  };
}

export function summarySheet(r: SummaryResponse): ReportSheet {
  const o = r.options;
  const { sheet, table, title } = REPORT_SHEETS['account-summary'];
  const [debit, credit] = o.side === 'receivables' ? ['Debit', 'Credit'] : ['Charges', 'Payments & credits'];
  const lineColumns = [column('Date', 'date'), column('Line', 'text'), column('Number', 'code'), column('Reference', 'text')];
  const columns: ColumnSpec[] = [...CONTACT_COLUMNS, ...lineColumns, column(debit, 'money'), column(credit, 'money'), column('Balance', 'money')];
  const rows: CellValue[][] = [];
  for (const c of r.contacts) {
    rows.push([c.contactName, c.currency, date(o.from), 'Opening balance', null, null, null, null, money(c.opening)]);
    for (const l of c.lines)
      rows.push([
        c.contactName,
        c.currency,
        date(l.date),
        l.kind,
        l.number,
        l.reference,
        l.debit ? money(l.debit) : null,
        l.credit ? money(l.credit) : null,
        money(l.balance),
      ]);
    rows.push([c.contactName, c.currency, date(o.to), 'Closing balance', null, null, money(c.debits), money(c.credits), money(c.closing)]);
  }
  const byCurrency = new Map<string, { debits: number; credits: number; closing: number }>();
  for (const c of r.contacts) {
    const t = byCurrency.get(c.currency) ?? { debits: 0, credits: 0, closing: 0 };
    t.debits += c.debits;
    t.credits += c.credits;
    t.closing += c.closing;
    byCurrency.set(c.currency, t);
  }
  const totals = [...byCurrency.entries()].map(
    ([currency, t]) =>
      ['Total', currency, null, null, null, null, money(t.debits as Cents), money(t.credits as Cents), money(t.closing as Cents)] as CellValue[],
  );
  return {
    sheet,
    table,
    header: [
      r.organisation.name,
      `${title} (${o.side})`,
      `${o.from} to ${o.to} · ${o.currency === 'base' ? `in ${r.baseCurrency}` : "in each document's currency"}${o.contactIds ? ` · ${o.contactIds.length} contacts` : ''}`,
      `Generated ${r.generatedAt.replace('T', ' ').slice(0, 16)} UTC by Xero Bridge. This sheet is rebuilt on Refresh: keep your own notes on another sheet.`,
      reconciliationLine(r.reconciliation, r.baseCurrency),
    ],
    columns,
    rows,
    totals,
  };
}
