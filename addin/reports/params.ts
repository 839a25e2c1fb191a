import type { z } from 'zod';
import { ageingQuerySchema, AGEING_DEFAULTS, summaryQuerySchema } from '../../core/contract';
import type { AgeingOptions } from '../../core/contract';
import { addMonths, isoDate } from '../../core/dates';
import type { ReportKind } from '../sheets/report-sheets';

/** The Reports tab's choices: the ageing options the engine takes (one definition, in the contract), and a summary's dates. */
export type ReportParams = Pick<AgeingOptions, 'basis' | 'periods' | 'length' | 'unit' | 'titles' | 'includeUnappliedCredits' | 'currency' | 'detail'> & {
  kind: ReportKind;
  /** The account summary's side: customers (receivables) or suppliers (payables). */
  summarySide: AgeingOptions['side'];
  asAt: string;
  from: string;
  to: string;
};

export function defaultParams(today: string): ReportParams {
  const { basis, periods, length, unit, titles, includeUnappliedCredits, currency, detail } = AGEING_DEFAULTS;
  const from = `${addMonths(isoDate(today), -2).slice(0, 7)}-01`;
  return {
    kind: 'aged-receivables',
    summarySide: 'receivables',
    asAt: today,
    basis,
    periods,
    length,
    unit,
    titles,
    includeUnappliedCredits,
    currency,
    detail,
    from,
    to: today,
  };
}

/** The query string of a report request, as text (so it can be stored with its sheet and sent again). */
export function reportQuery(p: ReportParams): Record<string, string> {
  if (p.kind === 'account-summary') return { side: p.summarySide, from: p.from, to: p.to, currency: p.currency };
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

function checked<S extends z.ZodType>(schema: S, query: Record<string, string>, sheet: string): z.output<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success)
    throw new Error(`The settings stored with "${sheet}" could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}): build the report again`);
  return parsed.data;
}

/** A report's route and query, from a query as stored with its sheet (checked, since a workbook can be edited). */
export function reportRequest(kind: ReportKind, query: Record<string, string>, sheet: string) {
  return kind === 'account-summary'
    ? ({ route: 'accountSummary', query: checked(summaryQuerySchema, query, sheet) } as const)
    : ({ route: 'ageingReport', query: checked(ageingQuerySchema, query, sheet) } as const);
}
