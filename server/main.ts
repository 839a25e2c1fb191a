import { closeChecks, setCheckThreads } from './mapping/checks-pool';
import http from 'node:http';
import type express from 'express';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from './app';
import { configOrFail, fail, loadOrganisations, openStore, sharedStore, xeroSide } from './startup';
import type { Config } from './config';
import { createLogger } from './logger';
import { MANIFEST_PATH, PANE_DIR, ROOT } from './paths';
import { LedgerCache } from './sources/ledger-cache';
import { SessionStore } from './sessions/sessions';
import type { SqlStore } from './storage/sql';
import { MappingStore } from './mapping/store';
import { databaseAnswers } from './storage/db';
import { localhostTls } from './tls';
import { systemClock } from './xero/limiter';
import { OrganisationDirectory } from './sources/directory';
import type { ScheduleDeps } from './routes/schedules';
import { smtpMailer } from './schedules/mailer';
import { Scheduler } from './schedules/runner';
import { ScheduleStore } from './schedules/store';
import { StatementSends } from './statements/sends';
import { JobClaims } from './jobs/claims';
import { WebhookPulls } from './jobs/webhook-pulls';
import type { AppDeps } from './app';

/** A report's URL may name thousands of contacts: requests up to 256 KB of headers are read (Node's default is 16 KB). */
const MAX_HEADER_BYTES = 256 * 1024;

/** Xero's webhooks, taken when a Xero app and its webhook key (XERO_WEBHOOK_KEY) are configured. */
function xeroWebhooks(
  config: Config,
  xero: AppDeps['xero'],
  shared: SqlStore,
  logger: ReturnType<typeof createLogger>,
  scheduler: Scheduler,
): AppDeps['webhooks'] {
  if (!xero || !config.xeroWebhookKey) return null;
  return {
    key: config.xeroWebhookKey,
    pulls: new WebhookPulls({
      connections: xero.connections,
      gateway: xero.gateway,
      claims: new JobClaims(shared),
      logger,
      // A pull that brought changes runs the organisation's "when receivables change" schedules.
      onChange: (tenantId, endpoint) => scheduler.changed(tenantId, endpoint),
    }),
  };
}

/**
 * Scheduled reports: every proxy looks for runs due every 30 s (and once at start, so that an occurrence missed while
 * all were stopped runs once); each run is claimed in the shared store, so it runs on one of them.
 */
function scheduledReports(config: Config, shared: SqlStore, directory: OrganisationDirectory, logger: ReturnType<typeof createLogger>): ScheduleDeps {
  const store = new ScheduleStore(shared);
  const scheduler = new Scheduler({
    schedules: store,
    sourceFor: (tenantId, connectionId) => directory.source(tenantId, connectionId),
    mailer: config.smtp ? smtpMailer(config.smtp.url, config.smtp.from, systemClock) : null,
    clock: systemClock,
    logger,
    fileDays: config.scheduleFileDays,
    statements: new StatementSends(shared),
    folder: config.scheduleFolder,
    webhook: config.deliveryWebhook,
  });
  const tick = () => void scheduler.tick().catch((err: Error) => logger.warn({ err: err.message }, 'Looking for scheduled reports due failed'));
  setTimeout(tick, 1000).unref();
  setInterval(tick, 30_000).unref();
  return { schedules: store, scheduler, clock: systemClock, folder: config.scheduleFolder, webhook: config.deliveryWebhook };
}

/** HTTP (behind a TLS-terminating proxy, or tests) or HTTPS with the localhost certificate. */
async function serverFor(config: Config, app: express.Express): Promise<http.Server | https.Server> {
  if (config.http) return http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  const tls = await localhostTls(config.dataDir, config.devCerts);
  if (tls.advice) process.stderr.write(`${tls.advice}\n`);
  return https.createServer({ key: tls.key, cert: tls.cert, maxHeaderSize: MAX_HEADER_BYTES }, app);
}

async function main(): Promise<void> {
  const config = configOrFail();
  const logger = createLogger(config.logLevel);
  setCheckThreads(config.planThreads);

  const db = openStore(config, logger);
  const shared = await sharedStore(config, db);
  const ledgers = new LedgerCache(config.ledgerCacheMb);
  const registry = loadOrganisations(config, db, ledgers);
  if (!fs.existsSync(path.join(PANE_DIR, 'taskpane.html'))) {
    logger.warn('The task pane is not built (dist/pane): run "npm run build" or use "npm start"');
  }

  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const xero = await xeroSide(config, db, shared);
  const directory = new OrganisationDirectory(registry, xero, ledgers);
  const schedules = scheduledReports(config, shared, directory, logger);
  const webhooks = xeroWebhooks(config, xero, shared, logger, schedules.scheduler);
  const app = createApp({
    registry,
    ledgers,
    sessions: new SessionStore(shared, config.sessionDays),
    mappings: new MappingStore(shared),
    limits: shared.kind === 'postgres' ? shared : null,
    logger,
    paneDir: PANE_DIR,
    manifestPath: MANIFEST_PATH,
    publicUrl: config.publicUrl,
    demoLogin: config.demoLogin,
    version,
    checkAnswers: config.checkAnswers,
    trustProxy: config.trustProxy,
    allowedHosts: config.allowedHosts,
    databaseAnswers: () => databaseAnswers(db),
    xero,
    webhooks,
    directory,
    schedules,
    statements: {
      sends: new StatementSends(shared),
      // Sent while the user waits: a refusal is recorded at once (the statement can be sent again), not retried for minutes.
      mailer: config.smtp ? smtpMailer(config.smtp.url, config.smtp.from, systemClock, { attempts: 1 }) : null,
      clock: systemClock,
    },
  });

  const server = await serverFor(config, app);

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const scheme = config.http ? 'http' : 'https';
    logger.info(
      { organisations: registry.list().map((o) => o.name), db: config.dbPath },
      `Xero Bridge proxy listening on ${scheme}://${config.host}:${port} (manifest: ${config.publicUrl}/manifest.xml)`,
    );
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') fail(`Port ${config.port} is in use: stop the other process or set PORT`);
    fail(`The proxy could not start: ${err.message}`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal} received: finishing open requests, then stopping`);
    server.close(() => {
      void Promise.all([closeChecks(), webhooks?.pulls.idle()]).finally(() => {
        db.close();
        process.exit(0);
      });
    });
    server.closeIdleConnections?.();
    setTimeout(() => {
      db.close();
      process.exit(0);
    }, 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main().catch((err: unknown) => {
  process.stderr.write(`The proxy could not start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
