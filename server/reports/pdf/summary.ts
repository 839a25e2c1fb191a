import type { SummaryResponse } from '../../../core/contract';
import { localDate, localTime, reportLocale } from '../locale';
import { renderPdf } from './document';
import { figure, reconciliationNote } from './figures';
import { drawTable } from './table';
import type { TableColumn, TableRow } from './table';

type LineKind = SummaryResponse['contacts'][number]['lines'][number]['kind'];

/** What each line of an account summary (and of a statement) is called. */
export const LINE_KINDS: Record<LineKind, string> = {
  invoice: 'Invoice',
  'credit-note': 'Credit note',
  payment: 'Payment',
  overpayment: 'Overpayment',
  prepayment: 'Prepayment',
  refund: 'Refund',
  'currency-difference': 'Currency difference',
};

export function summaryPdf(r: SummaryResponse): Promise<Buffer> {
  const o = r.options;
  const loc = reportLocale(r.organisation);
  const payables = o.side === 'payables';
  const kindOf = (k: LineKind) => (k === 'invoice' && payables ? 'Bill' : LINE_KINDS[k]);
  const [debit, credit] = payables ? ['Charges', 'Payments & credits'] : ['Debit', 'Credit'];
  const columns: TableColumn[] = [
    { title: 'Date', align: 'left', kind: 'fixed' },
    { title: 'Line', align: 'left', kind: 'fixed' },
    { title: 'Number', align: 'left', kind: 'fixed' },
    { title: 'Reference', align: 'left', kind: 'text' },
    { title: debit, align: 'right', kind: 'figure' },
    { title: credit, align: 'right', kind: 'figure' },
    { title: 'Balance', align: 'right', kind: 'figure' },
  ];
  const rows: TableRow[] = [];
  for (const c of r.contacts) {
    rows.push({ cells: [`${c.contactName} (${c.currency})`], heading: true, bold: true, gapBefore: rows.length > 0 });
    rows.push({ cells: [localDate(o.from, loc), 'Opening balance', '', '', '', '', figure(c.opening)] });
    for (const l of c.lines)
      rows.push({
        cells: [
          localDate(l.date, loc),
          kindOf(l.kind),
          l.number ?? '',
          l.reference ?? '',
          l.debit ? figure(l.debit) : '',
          l.credit ? figure(l.credit) : '',
          figure(l.balance),
        ],
      });
    rows.push({ cells: [localDate(o.to, loc), 'Closing balance', '', '', figure(c.debits), figure(c.credits), figure(c.closing)], bold: true, rule: true });
  }
  const currency =
    o.currency === 'base' ? `Figures in ${r.baseCurrency}, the base currency` : "Figures in each document's currency (beside each contact's name)";
  const t = {
    organisation: r.organisation.name,
    title: `${payables ? 'Supplier' : 'Customer'} Account Summary, ${localDate(o.from, loc)} to ${localDate(o.to, loc)}`,
    lines: [`${currency}${o.contactIds ? ` · ${o.contactIds.length} contacts chosen` : ''}`],
    footer: `Generated ${localTime(r.generatedAt, loc)} by Xero Bridge`,
  };
  const notes =
    o.currency === 'base' && r.contacts.some((c) => c.lines.some((l) => l.kind === 'currency-difference'))
      ? [
          'A currency difference is the realised gain or loss where a credit was used on an invoice at another rate; Xero posts it to its currency-gains account.',
        ]
      : [];
  notes.push(reconciliationNote(r.reconciliation, r.baseCurrency, loc));
  return renderPdf(t, (doc, top) => drawTable(doc, t, top, columns, rows, notes));
}
