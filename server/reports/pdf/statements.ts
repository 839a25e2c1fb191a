import type { Statement } from '../../../core/reports/statements';
import { localDate, localTime, reportLocale } from '../locale';
import type { StatementSet } from '../statements';
import { contentBottom, drawTitle, renderPdf } from './document';
import type { TitleBlock } from './document';
import { figure } from './figures';
import { LINE_KINDS } from './summary';
import { drawTable } from './table';
import type { TableColumn, TableRow } from './table';

const LINE_COLUMNS: TableColumn[] = [
  { title: 'Date', align: 'left', kind: 'fixed' },
  { title: 'Line', align: 'left', kind: 'fixed' },
  { title: 'Number', align: 'left', kind: 'fixed' },
  { title: 'Reference', align: 'left', kind: 'text' },
  { title: 'Debit', align: 'right', kind: 'figure' },
  { title: 'Credit', align: 'right', kind: 'figure' },
  { title: 'Balance', align: 'right', kind: 'figure' },
];

/**
 * Customers' statements as one PDF, each starting on a page of its own under its own title: the lines with the
 * running balance from the opening to the closing balance, then the ageing at the closing date, whose total is the
 * closing balance. One statement gives a customer's own PDF; all of them, the combined one.
 */
export function statementsPdf(set: StatementSet, only?: Statement): Promise<Buffer> {
  const loc = reportLocale(set.organisation);
  const statements = only ? [only] : set.statements;
  const period = `${localDate(set.from, loc)} to ${localDate(set.to, loc)}`;
  const titleOf = (s: Statement | undefined): TitleBlock => ({
    organisation: set.organisation.name,
    title: s ? `Statement for ${s.contactName}, ${period}` : `Statements, ${period}`,
    lines: s ? [`Figures in ${s.currency}${s.email ? ` · for ${s.email}` : ''}`] : ['No customer has a balance at the end of the period.'],
    footer: `Generated ${localTime(set.generatedAt, loc)} by Xero Bridge`,
  });
  return renderPdf(titleOf(statements[0]), (doc, top) => {
    statements.forEach((s, n) => {
      const title = titleOf(s);
      const y = n === 0 ? top : (doc.addPage(), drawTitle(doc, title));
      const rows: TableRow[] = [
        { cells: [localDate(set.from, loc), 'Opening balance', '', '', '', '', figure(s.opening)] },
        ...s.lines.map((l) => ({
          cells: [
            localDate(l.date, loc),
            LINE_KINDS[l.kind],
            l.number ?? '',
            l.reference ?? '',
            l.debit ? figure(l.debit) : '',
            l.credit ? figure(l.credit) : '',
            figure(l.balance),
          ],
        })),
        { cells: [localDate(set.to, loc), 'Closing balance', '', '', figure(s.debits), figure(s.credits), figure(s.closing)], bold: true, rule: true },
      ];
      drawTable(doc, title, y, LINE_COLUMNS, rows);
      // The ageing at the closing date, under the lines (on the next page when there is no room for it).
      let below = doc.y + 6;
      if (below + 60 > contentBottom(doc)) below = (doc.addPage(), drawTitle(doc, title));
      const ageingColumns: TableColumn[] = [...s.ageing.titles, 'Total due'].map((t) => ({ title: t, align: 'right', kind: 'figure' }));
      drawTable(
        doc,
        title,
        below,
        ageingColumns,
        [{ cells: [...s.ageing.amounts.map(figure), figure(s.ageing.total)], bold: true }],
        [`Ageing at ${localDate(set.to, loc)} by due date, in ${s.currency}; credits not yet used count against it.`],
      );
    });
  });
}
