import express, { Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { requireSession } from './http/auth';
import { allowedHosts } from './http/host-check';
import { signInLimit } from './http/rate-limits';
import { bodyTextParsers, JSON_BODY_LIMIT, registerRoutes } from './http/route-table';
import type { RouteHandlers } from './http/route-table';
import type { MappingStore } from './mapping/store';
import { authHandlers } from './routes/auth';
import { healthHandlers } from './routes/health';
import { mappingHandlers } from './routes/mappings';
import { orgHandlers } from './routes/orgs';
import { formulaHandlers } from './routes/formulas';
import { reportHandlers } from './routes/reports';
import { scheduleHandlers } from './routes/schedules';
import { statementHandlers } from './routes/statements';
import type { StatementDeps } from './statements/send';
import type { ScheduleDeps } from './routes/schedules';
import { paneRoutes } from './routes/pane';
import { xeroAuthRoutes } from './routes/xero-auth';
import { xeroWebhookRoutes } from './routes/xero-webhooks';
import type { WebhookPulls } from './jobs/webhook-pulls';
import { OrganisationDirectory } from './sources/directory';
import type { XeroSide } from './sources/directory';
import type { LedgerCache } from './sources/ledger-cache';
import type { OrganisationRegistry } from './sources/registry';
import type { SessionStore } from './sessions/sessions';
import type { SqlStore } from './storage/sql';
import type { XeroSignIn } from './xero/sign-in';

export type AppDeps = {
  registry: OrganisationRegistry;
  /** Where connected organisations' tables are kept in memory (LEDGER_CACHE_MB); without it each source keeps its own, without a budget. */
  ledgers?: LedgerCache;
  sessions: SessionStore;
  mappings: MappingStore;
  logger: Logger;
  paneDir: string;
  manifestPath: string;
  publicUrl: string;
  demoLogin: boolean;
  version: string;
  /** Whether the database answers a read now (the health check). */
  databaseAnswers: () => boolean;
  /** The Host names answered (Config.allowedHosts); any other gets 421. */
  allowedHosts: readonly string[];
  /** Express's `trust proxy`: false (default), a number of proxy hops, or addresses and subnets (TRUST_PROXY). */
  trustProxy?: boolean | number | string;
  /** Check every JSON answer against its schema in the route table before sending it (tests and development; default on). */
  checkAnswers?: boolean;
  /** The store that keeps the sign-in and write limits' counts when several proxies share it; else this process's memory. */
  limits?: SqlStore | null;
  /** Where sessions' organisations are found; made from `registry`, `xero` and `ledgers` when not given. */
  directory?: OrganisationDirectory;
  /** Scheduled reports (their store, the scheduler that runs them, its clock); without it their routes are not served. */
  schedules?: ScheduleDeps | null;
  /** Customer statements (their send record, the mail server, the clock); without it their routes are not served. */
  statements?: StatementDeps | null;
  /** Xero's webhooks (XERO_WEBHOOK_KEY with a Xero app): the key their signatures are checked with, and the pulls they start. */
  webhooks?: { key: string; pulls: WebhookPulls } | null;
  /** Present when a Xero app is configured. */
  xero: (XeroSide & { signIn: XeroSignIn; redirectUri: string }) | null;
};

/** Office hosts that may frame the task pane (Excel on the web and the desktop's web view). */
const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.sharepoint.com',
];

/** Where office.js is loaded from. */
const OFFICE_SCRIPT_HOST = 'https://appsforoffice.microsoft.com';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy (TRUST_PROXY), rate limits key on the client's address from X-Forwarded-For.
  app.set('trust proxy', deps.trustProxy ?? false);
  // API answers are per session and never cached: no ETag, which would hash every (large) answer.
  app.set('etag', false);
  app.use(allowedHosts(deps.allowedHosts));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", OFFICE_SCRIPT_HOST],
          // Fluent UI (Griffel) inserts style elements at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameSrc: ["'self'", OFFICE_SCRIPT_HOST],
          frameAncestors: OFFICE_FRAME_ANCESTORS,
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Framing is governed by frame-ancestors above; X-Frame-Options cannot name Office's hosts.
      xFrameOptions: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Financial data and session tokens: no cache may keep an API or sign-in answer, errors included.
  app.use(['/api', '/auth'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Xero's webhooks are read as raw bytes (their signature covers them), so before any JSON parsing.
  if (deps.webhooks) app.use(xeroWebhookRoutes(deps.webhooks));
  const directory = deps.directory ?? new OrganisationDirectory(deps.registry, deps.xero, deps.ledgers);
  const handlers: RouteHandlers = {
    ...healthHandlers({
      registry: deps.registry,
      version: deps.version,
      xero: deps.xero !== null,
      demo: deps.demoLogin,
      databaseAnswers: deps.databaseAnswers,
    }),
    ...authHandlers(deps),
    ...orgHandlers(directory),
    ...reportHandlers(),
    ...formulaHandlers(deps.mappings),
    ...mappingHandlers(deps.mappings, { store: deps.limits ?? null }),
    ...(deps.schedules ? scheduleHandlers(deps.schedules) : {}),
    ...(deps.statements ? statementHandlers(deps.statements) : {}),
  };
  app.use(bodyTextParsers(handlers));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  const api = Router();
  registerRoutes(api, handlers, { directory, checkAnswers: deps.checkAnswers ?? true });
  // Signing in is limited per address; signing out is not (a limited user must still be able to sign out).
  app.use(['/auth/demo', '/auth/xero'], signInLimit({ store: deps.limits ?? null }));
  app.use('/api', requireSession(deps.sessions));
  app.use(api);
  app.use(xeroAuthRoutes({ signIn: deps.xero?.signIn ?? null, sessions: deps.sessions, redirectUri: deps.xero?.redirectUri ?? null }));
  app.use(paneRoutes(deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
