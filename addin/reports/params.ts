import { addMonths, isoDate } from '../../core/dates';
import { defaultAgeingOptions } from '../../core/reports/ageing';
import type { ReportKind } from '../sheets/report-sheets';

/** The Reports tab's choices, as the query a report route takes (so they can be stored with a sheet). */
export type ReportParams = {
  kind: ReportKind;
  asAt: string;
  basis: 'due' | 'invoice';
  periods: number;
  length: number;
  unit: 'day' | 'week' | 'month';
  titles: 'period' | 'range';
  includeUnappliedCredits: boolean;
  currency: 'base' | 'document';
  detail: 'summary' | 'invoices';
  from: string;
  to: string;
};

export function defaultParams(today: string): ReportParams {
  const asAt = isoDate(today);
  // The report engine's own defaults (3 monthly periods by due date, base currency, as Xero's report).
  const d = defaultAgeingOptions(asAt);
  return {
    kind: 'aged-receivables',
    asAt: today,
    basis: d.basis,
    periods: d.periods,
    length: d.length,
    unit: d.unit,
    titles: d.titles,
    includeUnappliedCredits: d.includeUnappliedCredits,
    currency: d.currency,
    detail: d.detail,
    from: `${addMonths(asAt, -2).slice(0, 7)}-01`,
    to: today,
  };
}

export function reportPath(p: ReportParams): 'ageing' | 'account-summary' {
  return p.kind === 'account-summary' ? 'account-summary' : 'ageing';
}

/** The query string of a report request. */
export function reportQuery(p: ReportParams): Record<string, string> {
  if (p.kind === 'account-summary') return { side: 'receivables', from: p.from, to: p.to, currency: p.currency };
  return {
    side: p.kind === 'aged-receivables' ? 'receivables' : 'payables',
    asAt: p.asAt,
    basis: p.basis,
    periods: String(p.periods),
    length: String(p.length),
    unit: p.unit,
    titles: p.titles,
    includeUnappliedCredits: String(p.includeUnappliedCredits),
    currency: p.currency,
    detail: p.detail,
  };
}
