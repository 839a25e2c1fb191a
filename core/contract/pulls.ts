import { z } from 'zod';
import { accountSchema, contactSchema, itemSchema, taxRateSchema } from '../domain';

/** The Xero tables the pane pulls into sheets. */

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

/** The Xero tables the pane pulls into sheets, by their route's name in the route table. */
export type PullKind = 'accounts' | 'taxRates' | 'contacts' | 'items';
