import crypto from 'node:crypto';
import { z } from 'zod';
import type { EndpointName } from './raw';

/**
 * Xero's webhook deliveries: a batch of events, signed with the app's webhook key (HMAC-SHA256 of the raw body,
 * base64, in `x-xero-signature`). An intent-to-receive is a signed batch with no events.
 */
export const webhookBatchSchema = z.object({
  events: z.array(
    z.object({
      tenantId: z.string().min(1).max(100),
      eventCategory: z.string().min(1).max(50),
      eventType: z.string().min(1).max(50),
      resourceId: z.string().max(100).optional(),
      eventDateUtc: z.string().max(50).optional(),
    }),
  ),
  firstEventSequence: z.number().int(),
  lastEventSequence: z.number().int(),
});

export type WebhookBatch = z.infer<typeof webhookBatchSchema>;

/** The endpoint each event category names. */
const ENDPOINT_OF: Record<string, EndpointName> = { INVOICE: 'Invoices', CONTACT: 'Contacts', CREDITNOTE: 'CreditNotes' };

/** Whether `signature` is the body's HMAC-SHA256 under `key`, base64, compared in constant time. */
export function signedBy(key: string, rawBody: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = crypto.createHmac('sha256', key).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Each organisation's endpoints the batch names, once each (categories this proxy does not read are left out). */
export function endpointsNamed(batch: WebhookBatch): Array<{ tenantId: string; endpoint: EndpointName }> {
  const seen = new Map<string, { tenantId: string; endpoint: EndpointName }>();
  for (const e of batch.events) {
    const endpoint = ENDPOINT_OF[e.eventCategory.toUpperCase()];
    if (endpoint) seen.set(`${e.tenantId}\u0000${endpoint}`, { tenantId: e.tenantId, endpoint });
  }
  return [...seen.values()];
}
