import { z } from 'zod';
import { isoDateSchema } from './dates';
import { centsSchema } from './money';
import {
  accountSchema,
  contactSchema,
  itemSchema,
  organisationSchema,
  taxRateSchema,
} from './domain';

/**
 * The one typed channel between the pane and the proxy: every request and response body.
 * Both sides parse with these schemas; the types are inferred from them.
 */

export const errorCodeSchema = z.enum([
  'bad_request',
  'unauthorised',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'xero_unavailable',
  'reconnect_needed',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Where a problem is in the request: the row (1-based as the user sees it), the field, the fix. */
export const problemSchema = z.object({
  row: z.number().int().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    problems: z.array(problemSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** Snapshot organisations served (the demo, or XERO_SNAPSHOT). */
  organisations: z.number().int().nonnegative(),
  /** Which ways of signing in this proxy offers. */
  signIn: z.object({ xero: z.boolean(), demo: z.boolean() }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const sessionResponseSchema = z.object({
  /** The bearer token the pane sends as `Authorization: Bearer <token>`. */
  token: z.string().min(32),
  expiresAt: z.string(),
  organisations: z.array(organisationSchema),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const orgsResponseSchema = z.object({
  organisations: z.array(organisationSchema),
});
export type OrgsResponse = z.infer<typeof orgsResponseSchema>;

export const tenantParamsSchema = z.object({
  tenantId: z.string().min(1).max(100),
});

export const pullQuerySchema = z.object({
  refresh: z.enum(['full']).optional(),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/** What is left of Xero's API limits for the organisation, as Xero last reported it (null for snapshots). */
export const usageSchema = z.object({
  dayRemaining: z.number().int().nullable(),
  minuteRemaining: z.number().int().nullable(),
});
export type Usage = z.infer<typeof usageSchema>;

function recordsResponse<T extends z.ZodType>(record: T) {
  return z.object({
    tenantId: z.string(),
    /** When the proxy last read these records from the organisation, ISO-8601 UTC. */
    fetchedAt: z.string(),
    records: z.array(record),
    usage: usageSchema,
  });
}

export const accountsResponseSchema = recordsResponse(accountSchema);
export type AccountsResponse = z.infer<typeof accountsResponseSchema>;
export const taxRatesResponseSchema = recordsResponse(taxRateSchema);
export type TaxRatesResponse = z.infer<typeof taxRatesResponseSchema>;
export const contactsResponseSchema = recordsResponse(contactSchema);
export type ContactsResponse = z.infer<typeof contactsResponseSchema>;
export const itemsResponseSchema = recordsResponse(itemSchema);
export type ItemsResponse = z.infer<typeof itemsResponseSchema>;

/** The Xero tables the pane pulls into sheets, by their route name. */
export const pullKinds = ['accounts', 'tax-rates', 'contacts', 'items'] as const;
export type PullKind = (typeof pullKinds)[number];

export const pullResponseSchemas = {
  accounts: accountsResponseSchema,
  'tax-rates': taxRatesResponseSchema,
  contacts: contactsResponseSchema,
  items: itemsResponseSchema,
} as const satisfies Record<PullKind, z.ZodType>;

// ---------------------------------------------------------------- reports

const flagParam = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list of contact ids in a query string. */
const contactIdsParam = z
  .string()
  .max(200_000, 'too many contact ids: ask for fewer at a time')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1).max(100)).max(5000, 'at most 5,000 contact ids'));

export const reportFormatSchema = z.enum(['json', 'csv', 'pdf']).default('json');
export type ReportFormat = z.infer<typeof reportFormatSchema>;

const sideSchema = z.enum(['receivables', 'payables']);
const currencyModeSchema = z.enum(['base', 'document']);

export const ageingQuerySchema = z.strictObject({
  side: sideSchema.default('receivables'),
  /** Defaults to today (UTC). */
  asAt: isoDateSchema.optional(),
  basis: z.enum(['due', 'invoice']).default('due'),
  periods: z.coerce.number().int().min(1).max(12).default(3),
  length: z.coerce.number().int().min(1).max(366).default(1),
  unit: z.enum(['day', 'week', 'month']).default('month'),
  titles: z.enum(['period', 'range']).default('period'),
  includeUnappliedCredits: flagParam.default(false),
  reportDateOverdue: flagParam.default(false),
  contactIds: contactIdsParam.optional(),
  currency: currencyModeSchema.default('base'),
  detail: z.enum(['summary', 'invoices']).default('summary'),
  format: reportFormatSchema,
});
export type AgeingQuery = z.infer<typeof ageingQuerySchema>;

export const summaryQuerySchema = z
  .strictObject({
    side: sideSchema.default('receivables'),
    /** Defaults to the first day of the month two months before `to`. */
    from: isoDateSchema.optional(),
    /** Defaults to today (UTC). */
    to: isoDateSchema.optional(),
    contactIds: contactIdsParam.optional(),
    currency: currencyModeSchema.default('base'),
    format: reportFormatSchema,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must be on or before to', path: ['from'] });
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

const reportOrganisation = z.object({ tenantId: z.string(), name: z.string() });

/** The report's total against Xero's own receivables or payables figures (contact Balances), where Xero gives them. */
export const reconciliationSchema = z.object({
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
  options: z.object({
    side: sideSchema,
    asAt: isoDateSchema,
    basis: z.enum(['due', 'invoice']),
    periods: z.number().int(),
    length: z.number().int(),
    unit: z.enum(['day', 'week', 'month']),
    titles: z.enum(['period', 'range']),
    includeUnappliedCredits: z.boolean(),
    reportDateOverdue: z.boolean(),
    contactIds: z.array(z.string()).nullable(),
    currency: currencyModeSchema,
    detail: z.enum(['summary', 'invoices']),
  }),
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
            currency: z.string(),
            column: z.number().int(),
            amount: centsSchema,
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
          kind: z.enum(['invoice', 'credit-note', 'payment', 'overpayment', 'prepayment', 'refund']),
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

// ---------------------------------------------------------------- mappings

export { mappingKinds, mappingRowSchema } from './mapping/rows';
export type { MappingKind, MappingRow } from './mapping/rows';

const mappingKindSchema = z.enum(['accounts', 'tax-rules', 'payment-methods', 'customers'], { error: 'expected one of accounts, tax-rules, payment-methods, customers' });

/** Rows are checked one by one (a bad row never sinks the request), so here they are only counted. */
export const mappingRequestSchema = z.strictObject({
  kind: mappingKindSchema,
  rows: z.array(z.unknown()).max(10_000, 'at most 10,000 rows per request: send the rest in another'),
});
export type MappingRequest = z.infer<typeof mappingRequestSchema>;

export const applyRequestSchema = z.strictObject({
  kind: mappingKindSchema,
  /** The mapping store's version the plan was made on. */
  planVersion: z.number().int().nonnegative(),
  rows: z.array(z.unknown()).max(10_000, 'at most 10,000 rows per request: send the rest in another'),
});
export type ApplyRequest = z.infer<typeof applyRequestSchema>;

export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, 'Idempotency-Key must be 8–100 letters, digits, dots, colons, dashes or underscores');

const rowProblemSchema = z.object({ row: z.number().int(), field: z.string(), severity: z.enum(['error', 'warning']), code: z.string(), message: z.string() });
export type RowProblemBody = z.infer<typeof rowProblemSchema>;

const mappingValueSchema = z.object({ target: z.string(), details: z.record(z.string(), z.string()) });

export const planResponseSchema = z.object({
  kind: mappingKindSchema,
  version: z.number().int(),
  totals: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), invalid: z.number().int() }),
  rows: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['create', 'update', 'unchanged', 'invalid']),
      before: mappingValueSchema.nullable(),
      after: mappingValueSchema.nullable(),
      reason: z.string().nullable(),
      problems: z.array(rowProblemSchema),
      suggestion: z.object({ target: z.string().nullable(), label: z.string().nullable(), confidence: z.number().int(), reason: z.string() }),
      xeroUpdatedAt: z.string().nullable(),
    }),
  ),
});
export type PlanResponse = z.infer<typeof planResponseSchema>;

export const applyResponseSchema = z.object({
  batchId: z.string(),
  kind: mappingKindSchema,
  version: z.number().int(),
  replayed: z.boolean(),
  results: z.array(
    z.object({
      row: z.number().int(),
      result: z.enum(['written', 'unchanged', 'failed', 'conflict', 'skipped']),
      message: z.string(),
    }),
  ),
});
export type ApplyResponse = z.infer<typeof applyResponseSchema>;

export const mappingsQuerySchema = z.strictObject({ kind: mappingKindSchema.optional(), format: z.enum(['json', 'csv']).default('json') });

export const mappingsResponseSchema = z.object({
  mappings: z.array(z.object({ kind: mappingKindSchema, source: z.string(), target: z.string(), details: z.record(z.string(), z.string()), version: z.number().int(), batchId: z.string(), updatedAt: z.string() })),
});

export const historyResponseSchema = z.object({
  batches: z.array(z.object({ id: z.string(), kind: mappingKindSchema, who: z.string(), at: z.string(), changes: z.number().int(), reverts: z.string().nullable(), revertedBy: z.string().nullable() })),
});

export const driftResponseSchema = z.object({
  drift: z.array(z.object({ kind: mappingKindSchema, source: z.string(), target: z.string(), problem: z.string() })),
});
export type DriftResponse = z.infer<typeof driftResponseSchema>;
