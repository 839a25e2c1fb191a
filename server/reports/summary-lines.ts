import type { SummaryResponse } from '../../core/contract';
import { formatCents } from '../../core/money';

type SummaryLine = SummaryResponse['contacts'][number]['lines'][number];

/** An account summary line's cells, as the CSV and the PDF both show them: date, kind, number, reference, debit, credit, balance. */
export function summaryLineCells(l: SummaryLine, text: (value: string | null) => string): string[] {
  return [
    l.date,
    l.kind,
    text(l.number),
    text(l.reference),
    l.debit ? formatCents(l.debit) : '',
    l.credit ? formatCents(l.credit) : '',
    formatCents(l.balance),
  ];
}
