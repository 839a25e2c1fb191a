import { z } from 'zod';
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
