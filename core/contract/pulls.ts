import { z } from 'zod';
import { accountSchema, contactSchema, itemSchema, taxRateSchema } from '../domain';

/** The Xero tables the pane pulls into sheets. */

export const pullQuerySchema = z.object({
  refresh: z.enum(['full']).optional(),
});

/** What is left of Xero's API limits for the organisation, as Xero last reported it (null for snapshots). */
const usageSchema = z.object({
  dayRemaining: z.number().int().nullable(),
  minuteRemaining: z.number().int().nullable(),
});

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
export const taxRatesResponseSchema = recordsResponse(taxRateSchema);
export const contactsResponseSchema = recordsResponse(contactSchema);
export const itemsResponseSchema = recordsResponse(itemSchema);

/** The Xero tables the pane pulls into sheets, by their route's name in the route table. */
export type PullKind = 'accounts' | 'taxRates' | 'contacts' | 'items';
