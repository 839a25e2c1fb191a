import { formatCents } from '../../../core/money';
import type { Cents } from '../../../core/money';

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
