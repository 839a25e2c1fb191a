import { z } from 'zod';
import { isoDateSchema } from '../dates';
import { centsSchema } from '../money';
import { scheduleDateSchema } from '../schedules/relative-dates';
import { ageingQuerySchema, summaryQuerySchema } from './reports';

/**
 * Scheduled reports: a report of the Reports tab with its choices, its dates possibly relative to the day it runs
 * ("end-of-last-month"); when it runs, in the organisation's timezone; and who gets it by email, as PDF and/or CSV.
 */

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as hh:mm, 24-hour (e.g. 07:30)');
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Presets, or a cron expression (five fields: minute hour day-of-month month day-of-week). */
const recurrenceSchema = z.discriminatedUnion('every', [
  z.strictObject({ every: z.literal('day'), at: timeSchema }),
  z.strictObject({ every: z.literal('week'), weekday: z.enum(WEEKDAYS), at: timeSchema }),
  z.strictObject({ every: z.literal('month'), day: z.union([z.number().int().min(1).max(28), z.literal('last')]), at: timeSchema }),
  z.strictObject({ every: z.literal('cron'), cron: z.string().trim().min(9).max(100) }),
  // When Xero's webhooks say the organisation's invoices or credit notes changed, at most once every so many minutes.
  z.strictObject({ every: z.literal('change'), minutes: z.number().int().min(5).max(1440) }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

const { asAt: _asAt, format: _ageingFormat, ...ageingShape } = ageingQuerySchema.shape;
const { from: _from, to: _to, format: _summaryFormat, ...summaryShape } = summaryQuerySchema.shape;

const scheduledReportSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ageing'), query: z.strictObject({ ...ageingShape, asAt: scheduleDateSchema }) }),
  z.strictObject({ kind: z.literal('summary'), query: z.strictObject({ ...summaryShape, from: scheduleDateSchema, to: scheduleDateSchema }) }),
  // Customer statements for the period: each customer gets its own (once per period), the recipients all of them in one PDF.
  z.strictObject({ kind: z.literal('statements'), query: z.strictObject({ from: scheduleDateSchema, to: scheduleDateSchema }) }),
]);

export const scheduleRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'give the schedule a name').max(120),
  /** Also save the files in this folder under the proxy's SCHEDULE_FOLDER (a name, never a path). */
  folder: z
    .string()
    .regex(/^[\w][\w .-]{0,99}$/, 'expected a folder name of letters, digits, spaces, dots, dashes or underscores (e.g. Receivables)')
    .refine((f) => !f.includes('..'), 'a folder name may not contain ".."')
    .optional(),
  /** Also post the files to this HTTPS address, signed (X-Bridge-Signature): its host must be one the proxy allows. */
  webhook: z.strictObject({ url: z.url({ protocol: /^https?$/, error: 'expected an https:// address' }) }).optional(),
  report: scheduledReportSchema,
  recurrence: recurrenceSchema,
  email: z.strictObject({
    to: z.array(z.email('expected an email address, e.g. cfo@example.com')).min(1, 'name at least one recipient').max(50),
    formats: z
      .array(z.enum(['pdf', 'csv']))
      .min(1, 'choose PDF, CSV or both')
      .max(2),
  }),
});
export type ScheduleRequest = z.infer<typeof scheduleRequestSchema>;

const runStatusSchema = z.enum(['running', 'sent', 'failed', 'interrupted']);

export const scheduleRunSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  /** The occurrence this run is for (ISO-8601 UTC), or when it was asked for ("Run now"). */
  occurrence: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** sent: the mail server accepted it; interrupted: the proxy stopped while sending, and it was not sent again. */
  status: runStatusSchema,
  /** The report's dates as this run resolved them. */
  dates: z.record(z.string(), z.string()),
  recipients: z.array(z.string()),
  /** The mail server's reply, or what went wrong. */
  message: z.string().nullable(),
  attempts: z.number().int(),
  files: z.array(z.object({ name: z.string(), format: z.enum(['pdf', 'csv']), bytes: z.number().int() })),
});
export type ScheduleRun = z.infer<typeof scheduleRunSchema>;

export const scheduleSchema = scheduleRequestSchema.extend({
  id: z.string(),
  tenantId: z.string(),
  /** The IANA timezone its times are in: the organisation's. */
  timezone: z.string(),
  paused: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** When it next runs (ISO-8601 UTC); null when paused or never again. */
  nextRunAt: z.string().nullable(),
  lastRun: scheduleRunSchema.nullable(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const schedulesResponseSchema = z.object({ schedules: z.array(scheduleSchema) });
export const scheduleRunsResponseSchema = z.object({ runs: z.array(scheduleRunSchema) });
export const pauseRequestSchema = z.strictObject({ paused: z.boolean() });
export const runFileQuerySchema = z.strictObject({ format: z.enum(['pdf', 'csv'], { error: 'expected format=pdf or format=csv' }) });

/** Customer statements for a period, sent to each customer (or, with `dryRun`, only listed: who would get what). */
export const statementsRequestSchema = z.strictObject({
  from: isoDateSchema,
  to: isoDateSchema,
  /** Only these customers (default: every customer with a balance at `to`). */
  contactIds: z.array(z.string().min(1).max(100)).max(5000).optional(),
  /** Addresses to use instead of Xero's, by contact id (an override column on a sheet). */
  emails: z.record(z.string(), z.email('expected an email address, e.g. accounts@customer.example')).optional(),
  dryRun: z.boolean(),
});

const statementOutcome = z.object({
  contactId: z.string(),
  contactName: z.string(),
  email: z.string().nullable(),
  currency: z.string(),
  closing: centsSchema,
  /** will-send: a dry run's; no-email: Xero has no address for it and none was given; already-sent: sent earlier for this period. */
  status: z.enum(['will-send', 'no-email', 'sent', 'failed', 'already-sent']),
  message: z.string().nullable(),
});

export const statementsResponseSchema = z.object({
  dryRun: z.boolean(),
  from: isoDateSchema,
  to: isoDateSchema,
  statements: z.array(statementOutcome),
  counts: z.object({ sent: z.number().int(), failed: z.number().int(), noEmail: z.number().int(), alreadySent: z.number().int(), willSend: z.number().int() }),
});
export type StatementsResponse = z.infer<typeof statementsResponseSchema>;

/** What was sent to whom. */
export const statementSendsResponseSchema = z.object({
  sends: z.array(
    z.object({
      from: isoDateSchema,
      to: isoDateSchema,
      contactId: z.string(),
      contactName: z.string(),
      email: z.string(),
      currency: z.string(),
      closing: centsSchema,
      status: z.enum(['sending', 'sent', 'failed']),
      reply: z.string().nullable(),
      sentBy: z.string(),
      sentAt: z.string(),
    }),
  ),
});
