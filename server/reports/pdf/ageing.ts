import type { AgeingResponse } from '../../../core/contract';
import { localDate, localTime, reportLocale } from '../locale';
import type { ReportLocale } from '../locale';
import { renderPdf } from './document';
import { figure, percentOf, reconciliationNote } from './figures';
import { drawTable } from './table';
import type { TableColumn, TableRow } from './table';

type Line = NonNullable<AgeingResponse['rows'][number]['lines']>[number];

const KIND: Record<Line['kind'], string> = { invoice: 'Invoice', 'credit-note': 'Credit note', overpayment: 'Overpayment', prepayment: 'Prepayment' };

/** A detail line's own words: its number (or kind), its reference. */
function describe(l: Line, side: AgeingResponse['options']['side']): string {
  const kind = l.kind === 'invoice' && side === 'payables' ? 'Bill' : KIND[l.kind];
  return [l.number ?? kind, l.reference].filter(Boolean).join(' · ');
}

/** Totals per currency, then each column's share of its total. */
function totalRows(r: AgeingResponse, lead: (label: string, currency: string) => string[], after: string[]): TableRow[] {
  const rows: TableRow[] = [];
  r.totals.forEach((t, n) => {
    rows.push({ cells: [...lead('Total', t.currency), ...t.columns.map(figure), figure(t.total), ...after], bold: true, rule: true, gapBefore: n === 0 });
    rows.push({ cells: [...lead('% of total', t.currency), ...t.columns.map((c) => percentOf(c, t.total)), percentOf(t.total, t.total), ...after] });
  });
  return rows;
}

function detailTable(r: AgeingResponse, loc: ReportLocale): { columns: TableColumn[]; rows: TableRow[] } {
  const inBase = r.options.currency === 'base';
  const other = inBase ? 'In document currency' : `In ${r.baseCurrency}`;
  const columns: TableColumn[] = [
    { title: 'Document', align: 'left', kind: 'text', min: 90 },
    { title: 'Date', align: 'left', kind: 'fixed' },
    { title: 'Due', align: 'left', kind: 'fixed' },
    { title: 'Cur.', align: 'left', kind: 'fixed' },
    ...r.columns.map((c) => ({ title: c.title, align: 'right' as const, kind: 'figure' as const })),
    { title: 'Total', align: 'right', kind: 'figure' },
    { title: other, align: 'right', kind: 'figure' },
  ];
  const rows: TableRow[] = [];
  for (const row of r.rows) {
    rows.push({ cells: [`${row.contactName} (${row.currency})`], heading: true, bold: true, gapBefore: rows.length > 0 });
    for (const l of row.lines ?? []) {
      // Both amounts, each with its currency: the row's figures, and beside them the document's own (or base) amount.
      const beside = inBase ? `${l.currency} ${figure(l.documentAmount)}` : `${r.baseCurrency} ${figure(l.baseAmount)}`;
      const cells = r.columns.map((_, i) => (i === l.column ? figure(l.amount) : ''));
      rows.push({
        cells: [
          describe(l, r.options.side),
          localDate(l.date, loc),
          l.dueDate ? localDate(l.dueDate, loc) : '',
          row.currency,
          ...cells,
          figure(l.amount),
          beside,
        ],
      });
    }
    rows.push({ cells: [`Total ${row.contactName}`, '', '', row.currency, ...row.columns.map(figure), figure(row.total), ''], bold: true, rule: true });
  }
  rows.push(...totalRows(r, (label, currency) => [label, '', '', currency], ['']));
  return { columns, rows };
}

function summaryTable(r: AgeingResponse): { columns: TableColumn[]; rows: TableRow[] } {
  const columns: TableColumn[] = [
    { title: 'Contact', align: 'left', kind: 'text' },
    { title: 'Cur.', align: 'left', kind: 'fixed' },
    ...r.columns.map((c) => ({ title: c.title, align: 'right' as const, kind: 'figure' as const })),
    { title: 'Total', align: 'right', kind: 'figure' },
  ];
  const rows: TableRow[] = r.rows.map((row) => ({ cells: [row.contactName, row.currency, ...row.columns.map(figure), figure(row.total)] }));
  rows.push(...totalRows(r, (label, currency) => [label, currency], []));
  return { columns, rows };
}

export function ageingPdf(r: AgeingResponse): Promise<Buffer> {
  const o = r.options;
  const loc = reportLocale(r.organisation);
  const title = `Aged ${o.side === 'receivables' ? 'Receivables' : 'Payables'} by ${o.basis === 'due' ? 'due date' : 'invoice date'}`;
  const currency = o.currency === 'base' ? `Figures in ${r.baseCurrency}, the base currency` : "Figures in each document's currency (see Cur.)";
  const t = {
    organisation: r.organisation.name,
    title: `${title}, as at ${localDate(o.asAt, loc)}`,
    lines: [
      `${o.periods} periods of ${o.length} ${o.unit}${o.length > 1 ? 's' : ''} · ${currency}${o.includeUnappliedCredits ? ' · unapplied credits included' : ''}${o.contactIds ? ` · ${o.contactIds.length} contacts chosen` : ''}`,
    ],
    footer: `Generated ${localTime(r.generatedAt, loc)} by Xero Bridge`,
  };
  const table = o.detail === 'invoices' ? detailTable(r, loc) : summaryTable(r);
  return renderPdf(t, (doc, top) => drawTable(doc, t, top, table.columns, table.rows, [reconciliationNote(r.reconciliation, r.baseCurrency, loc)]));
}
