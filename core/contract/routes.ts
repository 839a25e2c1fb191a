import { z } from 'zod';
import { healthResponseSchema, orgsResponseSchema, sessionResponseSchema } from './common';
import {
  applyRequestSchema,
  applyResponseSchema,
  driftResponseSchema,
  historyResponseSchema,
  mappingRequestSchema,
  mappingsQuerySchema,
  mappingsResponseSchema,
  planResponseSchema,
  writeHeadersSchema,
} from './mappings';
import { formulasRefreshResponseSchema, formulasRequestSchema, formulasResponseSchema } from './formulas';
import { accountsResponseSchema, contactsResponseSchema, itemsResponseSchema, pullQuerySchema, taxRatesResponseSchema } from './pulls';
import { ageingQuerySchema, ageingResponseSchema, summaryQuerySchema, summaryResponseSchema } from './reports';
import {
  pauseRequestSchema,
  runFileQuerySchema,
  scheduleRequestSchema,
  scheduleRunSchema,
  scheduleRunsResponseSchema,
  scheduleSchema,
  schedulesResponseSchema,
  statementSendsResponseSchema,
  statementsRequestSchema,
  statementsResponseSchema,
} from './schedules';

/**
 * Every route of the proxy's API, once: method, path, and zod schemas of its path parameters, query,
 * body, headers and answer. The pane calls `api.call(name, input)`; the proxy registers each entry
 * through one helper that parses the input and checks the answer. Nothing else builds a path.
 *
 * - `access`: `public` needs no session; `session` a signed-in session; `organisation` a session that
 *   connected the organisation named by `:tenantId`.
 * - `files`: the formats (from `query.format`) answered as a file instead of JSON.
 */
export type RouteDefinition = {
  method: 'GET' | 'POST';
  path: string;
  access: 'public' | 'session' | 'organisation';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
  /** The status of a JSON answer when it is not 200. */
  status?: number;
  /** The JSON answer; null for 204 No Content. */
  response: z.ZodType | null;
  files?: readonly string[];
};

const tenant = z.object({ tenantId: z.string().min(1).max(100) });
const schedule = tenant.extend({ scheduleId: z.string().min(1).max(100) });
const run = tenant.extend({ runId: z.string().min(1).max(100) });
const batch = tenant.extend({ batchId: z.string().min(1).max(100) });

const pull = <T extends z.ZodType>(table: string, response: T) =>
  ({ method: 'GET', path: `/api/orgs/:tenantId/${table}`, access: 'organisation', params: tenant, query: pullQuerySchema, response }) as const;

export const routes = {
  health: { method: 'GET', path: '/healthz', access: 'public', response: healthResponseSchema },
  demoSignIn: { method: 'POST', path: '/auth/demo', access: 'public', status: 201, response: sessionResponseSchema },
  signOut: { method: 'POST', path: '/auth/signout', access: 'public', response: null },
  organisations: { method: 'GET', path: '/api/orgs', access: 'session', response: orgsResponseSchema },

  accounts: pull('accounts', accountsResponseSchema),
  taxRates: pull('tax-rates', taxRatesResponseSchema),
  contacts: pull('contacts', contactsResponseSchema),
  items: pull('items', itemsResponseSchema),

  ageingReport: {
    method: 'GET',
    path: '/api/orgs/:tenantId/reports/ageing',
    access: 'organisation',
    params: tenant,
    query: ageingQuerySchema,
    response: ageingResponseSchema,
    files: ['csv', 'pdf'],
  },
  accountSummary: {
    method: 'GET',
    path: '/api/orgs/:tenantId/reports/account-summary',
    access: 'organisation',
    params: tenant,
    query: summaryQuerySchema,
    response: summaryResponseSchema,
    files: ['csv', 'pdf'],
  },

  // The same reports asked for with a body: a contact filter of any length fits (a URL has a limit).
  ageingReportByPost: {
    method: 'POST',
    path: '/api/orgs/:tenantId/reports/ageing',
    access: 'organisation',
    params: tenant,
    body: ageingQuerySchema,
    response: ageingResponseSchema,
    files: ['csv', 'pdf'],
  },
  accountSummaryByPost: {
    method: 'POST',
    path: '/api/orgs/:tenantId/reports/account-summary',
    access: 'organisation',
    params: tenant,
    body: summaryQuerySchema,
    response: summaryResponseSchema,
    files: ['csv', 'pdf'],
  },

  // Scheduled reports (the Reports tab's "Schedule this report…"), and their runs' log and files.
  schedules: { method: 'GET', path: '/api/orgs/:tenantId/schedules', access: 'organisation', params: tenant, response: schedulesResponseSchema },
  createSchedule: {
    method: 'POST',
    path: '/api/orgs/:tenantId/schedules',
    access: 'organisation',
    params: tenant,
    body: scheduleRequestSchema,
    status: 201,
    response: scheduleSchema,
  },
  pauseSchedule: {
    method: 'POST',
    path: '/api/orgs/:tenantId/schedules/:scheduleId/pause',
    access: 'organisation',
    params: schedule,
    body: pauseRequestSchema,
    response: scheduleSchema,
  },
  runSchedule: { method: 'POST', path: '/api/orgs/:tenantId/schedules/:scheduleId/run', access: 'organisation', params: schedule, response: scheduleRunSchema },
  deleteSchedule: { method: 'POST', path: '/api/orgs/:tenantId/schedules/:scheduleId/delete', access: 'organisation', params: schedule, response: null },
  scheduleRuns: {
    method: 'GET',
    path: '/api/orgs/:tenantId/schedules/:scheduleId/runs',
    access: 'organisation',
    params: schedule,
    response: scheduleRunsResponseSchema,
  },
  scheduleRunFile: {
    method: 'GET',
    path: '/api/orgs/:tenantId/schedule-runs/:runId/file',
    access: 'organisation',
    params: run,
    query: runFileQuerySchema,
    response: null,
    files: ['csv', 'pdf'],
  },

  // Customer statements for a period: mailed to each customer, or listed first (a dry run); and what was sent to whom.
  statements: {
    method: 'POST',
    path: '/api/orgs/:tenantId/statements',
    access: 'organisation',
    params: tenant,
    body: statementsRequestSchema,
    response: statementsResponseSchema,
  },
  statementSends: {
    method: 'GET',
    path: '/api/orgs/:tenantId/statements/sent',
    access: 'organisation',
    params: tenant,
    response: statementSendsResponseSchema,
  },

  // Worksheet functions (=XERO.BALANCE(…) and the rest): a recalculation's calls in one request, and a fresh pull before a refresh.
  formulas: {
    method: 'POST',
    path: '/api/orgs/:tenantId/formulas',
    access: 'organisation',
    params: tenant,
    body: formulasRequestSchema,
    response: formulasResponseSchema,
  },
  refreshFormulas: {
    method: 'POST',
    path: '/api/orgs/:tenantId/formulas/refresh',
    access: 'organisation',
    params: tenant,
    response: formulasRefreshResponseSchema,
  },

  mappingPlan: {
    method: 'POST',
    path: '/api/orgs/:tenantId/mappings/plan',
    access: 'organisation',
    params: tenant,
    body: mappingRequestSchema,
    response: planResponseSchema,
  },
  mappingApply: {
    method: 'POST',
    path: '/api/orgs/:tenantId/mappings/apply',
    access: 'organisation',
    params: tenant,
    headers: writeHeadersSchema,
    body: applyRequestSchema,
    response: applyResponseSchema,
  },
  mappings: {
    method: 'GET',
    path: '/api/orgs/:tenantId/mappings',
    access: 'organisation',
    params: tenant,
    query: mappingsQuerySchema,
    response: mappingsResponseSchema,
    files: ['csv'],
  },
  mappingDrift: { method: 'GET', path: '/api/orgs/:tenantId/mappings/drift', access: 'organisation', params: tenant, response: driftResponseSchema },
  mappingHistory: { method: 'GET', path: '/api/orgs/:tenantId/mappings/history', access: 'organisation', params: tenant, response: historyResponseSchema },
  batchRevert: {
    method: 'POST',
    path: '/api/orgs/:tenantId/mappings/batches/:batchId/revert',
    access: 'organisation',
    params: batch,
    headers: writeHeadersSchema,
    response: applyResponseSchema,
  },
} as const satisfies Record<string, RouteDefinition>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type Part<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType } ? S : never;

/** What a caller sends: the path parameters at the top level, then `query`, `body` and `headers` where the route has them. */
export type RouteInput<N extends RouteName> = (Part<Routes[N], 'params'> extends never ? unknown : z.input<Part<Routes[N], 'params'>>) &
  (Part<Routes[N], 'query'> extends never ? unknown : { query?: z.input<Part<Routes[N], 'query'>> }) &
  (Part<Routes[N], 'body'> extends never ? unknown : { body: z.input<Part<Routes[N], 'body'>> }) &
  (Part<Routes[N], 'headers'> extends never ? unknown : { headers: z.input<Part<Routes[N], 'headers'>> });

/** What a handler receives: every part parsed by its schema. */
export type ParsedInput<N extends RouteName> = {
  params: Part<Routes[N], 'params'> extends never ? Record<string, never> : z.output<Part<Routes[N], 'params'>>;
  query: Part<Routes[N], 'query'> extends never ? Record<string, never> : z.output<Part<Routes[N], 'query'>>;
  body: Part<Routes[N], 'body'> extends never ? undefined : z.output<Part<Routes[N], 'body'>>;
  headers: Part<Routes[N], 'headers'> extends never ? Record<string, never> : z.output<Part<Routes[N], 'headers'>>;
};

/** The JSON answer of a route (void for 204). */
export type RouteAnswer<N extends RouteName> = Routes[N]['response'] extends z.ZodType ? z.output<Routes[N]['response']> : void;

/** The route's path with its parameters filled in, each encoded. */
export function routePath(path: string, params: Record<string, unknown>): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' || value === '') throw new RangeError(`${path}: the path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}

/** A query as a query string: lists joined with commas, everything else as text; absent values left out. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
