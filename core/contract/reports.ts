import { z } from 'zod';
import { isoDateSchema } from '../dates';
import type { IsoDate } from '../dates';
import { centsSchema } from '../money';

/** true/false in a query string (or a boolean from the pane, which the client writes as text). */
const flagParam = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes'),
]);

/**
 * A whole number in a query string (or a number from the pane). Not `z.coerce.number()`: webpack 5 resolves
 * `z.coerce.number` in the pane's bundle to the plain `z.number` (a nested namespace re-export), which then
 * refuses the text the pane stores with a report sheet.
 */
const numberParam = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));

/** Contact ids: a comma-separated list in a query string (the pane's client joins a list with commas). */
const contactIdsParam = z
  .union([z.array(z.string()), z.string().max(200_000, 'too many contact ids: ask for fewer at a time')])
  .transform((s) => (typeof s === 'string' ? s.split(',') : s).map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1).max(100)).max(5000, 'at most 5,000 contact ids'));

const reportFormatSchema = z.enum(['json', 'csv', 'pdf']).default('json');
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** A report's date: a calendar date from 1900 to 2100, so that every period boundary before it is a date too. */
const reportDateSchema = isoDateSchema.refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'must be a date from 1900-01-01 to 2100-12-31');

const sideSchema = z.enum(['receivables', 'payables']);
const currencyModeSchema = z.enum(['base', 'document']);

/** The choices of an ageing report, each defined once: the query, the engine and the pane all use these. */
const ageingChoices = {
  side: sideSchema,
  /** Age by due date (Xero's default) or by invoice date. */
  basis: z.enum(['due', 'invoice']),
  /** Up to 24: two years of months. */
  periods: numberParam(1, 24),
  length: numberParam(1, 366),
  unit: z.enum(['day', 'week', 'month']),
  titles: z.enum(['period', 'range']),
  /** Show overpayments' and prepayments' unapplied remainders (off by default, as in Xero). */
  includeUnappliedCredits: flagParam,
  /** Count a document due on the report date as overdue rather than current. */
  reportDateOverdue: flagParam,
  /** Amounts in base currency (each line converted at its document's rate), or in each document's currency. */
  currency: currencyModeSchema,
  detail: z.enum(['summary', 'invoices']),
};
type AgeingChoices = { [K in keyof typeof ageingChoices]: z.output<(typeof ageingChoices)[K]> };

/** Xero's own defaults: three monthly periods by due date, in base currency, without unapplied credits. */
export const AGEING_DEFAULTS: AgeingChoices = {
  side: 'receivables',
  basis: 'due',
  periods: 3,
  length: 1,
  unit: 'month',
  titles: 'period',
  includeUnappliedCredits: false,
  reportDateOverdue: false,
  currency: 'base',
  detail: 'summary',
};

/** An ageing report's options as the engine takes them and the answer states them. */
const ageingOptionsSchema = z.object({ ...ageingChoices, asAt: isoDateSchema, contactIds: z.array(z.string()).nullable() });
export type AgeingOptions = z.output<typeof ageingOptionsSchema>;

export const ageingQuerySchema = z.strictObject({
  side: ageingChoices.side.default(AGEING_DEFAULTS.side),
  /** Defaults to today (UTC). */
  asAt: reportDateSchema.optional(),
  basis: ageingChoices.basis.default(AGEING_DEFAULTS.basis),
  periods: ageingChoices.periods.default(AGEING_DEFAULTS.periods),
  length: ageingChoices.length.default(AGEING_DEFAULTS.length),
  unit: ageingChoices.unit.default(AGEING_DEFAULTS.unit),
  titles: ageingChoices.titles.default(AGEING_DEFAULTS.titles),
  includeUnappliedCredits: ageingChoices.includeUnappliedCredits.default(AGEING_DEFAULTS.includeUnappliedCredits),
  reportDateOverdue: ageingChoices.reportDateOverdue.default(AGEING_DEFAULTS.reportDateOverdue),
  contactIds: contactIdsParam.optional(),
  currency: ageingChoices.currency.default(AGEING_DEFAULTS.currency),
  detail: ageingChoices.detail.default(AGEING_DEFAULTS.detail),
  format: reportFormatSchema,
});
export type AgeingQuery = z.infer<typeof ageingQuerySchema>;

/** The engine's options for a query: what it names, the defaults for the rest, today when no as-at date is given. */
export function ageingOptionsOf(query: Omit<AgeingQuery, 'format'> & { format?: ReportFormat }, today: IsoDate): AgeingOptions {
  const { asAt, contactIds, format: _format, ...choices } = query;
  return { ...choices, asAt: asAt ?? today, contactIds: contactIds ?? null };
}

/** The default options as at a date. */
export const defaultAgeingOptions = (asAt: IsoDate): AgeingOptions => ({ ...AGEING_DEFAULTS, asAt, contactIds: null });

export const summaryQuerySchema = z
  .strictObject({
    side: sideSchema.default('receivables'),
    /** Defaults to the first day of the month two months before `to`. */
    from: reportDateSchema.optional(),
    /** Defaults to today (UTC). */
    to: reportDateSchema.optional(),
    contactIds: contactIdsParam.optional(),
    currency: currencyModeSchema.default('base'),
    format: reportFormatSchema,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must be on or before to', path: ['from'] });
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

/** Whose report: the country and Xero's timezone name set how dates and the time it was made are printed. */
const reportOrganisation = z.object({ tenantId: z.string(), name: z.string(), countryCode: z.string().nullable(), timezone: z.string().nullable() });

/** The report's total against Xero's own receivables or payables figures (contact Balances), where Xero gives them. */
const reconciliationSchema = z.object({
  reportTotal: centsSchema,
  xeroTotal: centsSchema.nullable(),
  difference: centsSchema.nullable(),
  note: z.string(),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

const documentKind = z.enum(['invoice', 'credit-note', 'overpayment', 'prepayment']);

export const ageingResponseSchema = z.object({
  organisation: reportOrganisation,
  generatedAt: z.string(),
  options: ageingOptionsSchema,
  baseCurrency: z.string(),
  columns: z.array(z.object({ title: z.string(), from: isoDateSchema.nullable(), to: isoDateSchema.nullable() })),
  rows: z.array(
    z.object({
      contactId: z.string(),
      contactName: z.string(),
      currency: z.string(),
      columns: z.array(centsSchema),
      total: centsSchema,
      lines: z
        .array(
          z.object({
            kind: documentKind,
            id: z.string(),
            number: z.string().nullable(),
            reference: z.string().nullable(),
            date: isoDateSchema,
            dueDate: isoDateSchema.nullable(),
            /** The document's own currency. */
            currency: z.string(),
            column: z.number().int(),
            /** Outstanding in the report's currency (the row's). */
            amount: centsSchema,
            /** Outstanding in the document's currency. */
            documentAmount: centsSchema,
            /** Outstanding in the organisation's base currency. */
            baseAmount: centsSchema,
          }),
        )
        .nullable(),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), columns: z.array(centsSchema), total: centsSchema })),
  reconciliation: reconciliationSchema,
});
export type AgeingResponse = z.infer<typeof ageingResponseSchema>;

export const summaryResponseSchema = z.object({
  organisation: reportOrganisation,
  generatedAt: z.string(),
  options: z.object({
    side: sideSchema,
    from: isoDateSchema,
    to: isoDateSchema,
    contactIds: z.array(z.string()).nullable(),
    currency: currencyModeSchema,
  }),
  baseCurrency: z.string(),
  contacts: z.array(
    z.object({
      contactId: z.string(),
      contactName: z.string(),
      currency: z.string(),
      opening: centsSchema,
      lines: z.array(
        z.object({
          date: isoDateSchema,
          kind: z.enum(['invoice', 'credit-note', 'payment', 'overpayment', 'prepayment', 'refund', 'currency-difference']),
          documentId: z.string(),
          number: z.string().nullable(),
          reference: z.string().nullable(),
          debit: centsSchema,
          credit: centsSchema,
          balance: centsSchema,
        }),
      ),
      debits: centsSchema,
      credits: centsSchema,
      closing: centsSchema,
    }),
  ),
  reconciliation: reconciliationSchema,
});
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;
