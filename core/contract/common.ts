import { z } from 'zod';
import { organisationSchema } from '../domain';

/** Errors, health and sessions: the answers every route can give, and the routes outside an organisation. */

const errorCodeSchema = z.enum([
  'bad_request',
  'unauthorised',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'xero_unavailable',
  'reconnect_needed',
  /** The proxy cannot serve now (its database cannot be read, or is busy): try again later. */
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Where a problem is in the request: the row (1-based as the user sees it), the field, the fix. */
const problemSchema = z.object({
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

export const orgsResponseSchema = z.object({
  organisations: z.array(organisationSchema),
});
