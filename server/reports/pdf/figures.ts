import type { Reconciliation } from '../../../core/contract';
import { formatCents } from '../../../core/money';
import type { Cents } from '../../../core/money';
import { localDate } from '../locale';
import type { ReportLocale } from '../locale';

/** An amount as a report prints it: thousands grouped, two decimals, a minus sign in front. */
export function figure(c: Cents): string {
  const [whole, part] = formatCents(c).replace('-', '').split('.') as [string, string];
  return `${c < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${part}`;
}

/** A column's share of its total, to one decimal ("–" when the total is nothing). Shown, never added up. */
export function percentOf(part: Cents, total: Cents): string {
  if (total === 0) return '–';
  return `${((part / total) * 100).toFixed(1)}%`;
}

/** The reconciliation under a report, its dates written as the organisation's country writes them. */
export function reconciliationNote(rec: Reconciliation, baseCurrency: string, loc: ReportLocale): string {
  const note = rec.note.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => localDate(d, loc));
  if (rec.xeroTotal === null) return `Reconciliation: ${note}.`;
  const difference = rec.difference ? `; difference ${figure(rec.difference)}` : '; no difference';
  return `Reconciliation (${baseCurrency}): report ${figure(rec.reportTotal)}; Xero's contact balances ${figure(rec.xeroTotal)}${difference}. ${note}.`;
}
