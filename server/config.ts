import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const flag = z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  /** Serve plain HTTP (tests, or behind a TLS-terminating proxy). */
  HTTP: flag.default(false),
  /** Try office-addin-dev-certs (a certificate Excel trusts) before falling back to a self-signed one. */
  DEV_CERTS: flag.default(true),
  /** The URL users reach the proxy at when deployed, e.g. https://bridge.example.com; rewrites manifest.xml. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  DATA_DIR: z.string().min(1).default('data'),
  /** The SQLite file; defaults to <DATA_DIR>/bridge.db. */
  DB_PATH: z.string().min(1).optional(),
  /** A folder of raw Xero API responses to serve as an organisation (instead of the built-in demo). */
  XERO_SNAPSHOT: z.string().min(1).optional(),
  XERO_CLIENT_ID: z.string().min(1).optional(),
  XERO_CLIENT_SECRET: z.string().min(1).optional(),
  XERO_REDIRECT_URI: z.url().optional(),
  XERO_SCOPES: z.string().min(1).optional(),
  /**
   * Where the Accounting API is reached (…/api.xro/2.0): Xero's own unless set, e.g. to a stand-in for tests and
   * benchmarks. Access tokens go there, so it must be HTTPS, or HTTP on this machine only.
   */
  XERO_API_URL: z
    .url({ protocol: /^https?$/ })
    .refine(
      (u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(u),
      'expected https://…, or http:// on 127.0.0.1 or localhost',
    )
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** The webhook key of the Xero app (its Webhooks page): POST /webhooks/xero checks each delivery's signature with it. */
  XERO_WEBHOOK_KEY: z.string().min(1).optional(),
  /** Key for encrypting Xero tokens at rest: 32 bytes as 64 hex digits or base64. */
  BRIDGE_SECRET: z.string().min(1).optional(),
  /**
   * Offer sessions on snapshot organisations without a Xero sign-in: on by default for the built-in demo only; a
   * XERO_SNAPSHOT folder (perhaps a recording of a real organisation) needs DEMO_LOGIN=1.
   */
  DEMO_LOGIN: flag.optional(),
  /** Host names the proxy answers besides localhost, 127.0.0.1, [::1] and PUBLIC_URL's host (comma-separated). */
  ALLOWED_HOSTS: z
    .string()
    .regex(/^[\w.:[\]-]+(\s*,\s*[\w.:[\]-]+)*$/, 'expected host names separated by commas, e.g. bridge.internal,10.0.0.5')
    .optional(),
  /** Worker threads that make plans (0: in the proxy's own thread); by default one per core but one, at least 2, at most 4. */
  PLAN_THREADS: z.coerce.number().int().min(0).max(32).optional(),
  /**
   * Megabytes of organisations' tables (and reports' indexes) kept in memory; beyond it the organisations used
   * least recently are dropped and read again from the store when next used. By default a quarter of this
   * machine's memory, at most 4,096.
   */
  LEDGER_CACHE_MB: z.coerce.number().int().min(16).max(1_048_576).optional(),
  /**
   * PostgreSQL shared by several proxies (postgres://user:password@host:port/database): sessions, sign-in states,
   * Xero connections and the mapping store live there, migrated at start. Unset: all of it in the SQLite file.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a PostgreSQL URL, e.g. postgres://bridge:secret@db.internal:5432/bridge')
    .optional(),
  /** The mail server scheduled reports are sent through: smtp://user:password@host:587 (STARTTLS) or smtps://…:465. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'expected smtp://user:password@host:587 or smtps://user:password@host:465')
    .optional(),
  /** The sender of scheduled reports, e.g. reports@example.com (required with SMTP_URL). */
  MAIL_FROM: z.email().optional(),
  /** A folder scheduled reports may also be saved in, each schedule in a folder of its own under it. */
  SCHEDULE_FOLDER: z.string().min(1).optional(),
  /**
   * Hosts scheduled reports may be posted to (comma-separated host or host:port), and the key their posts are signed
   * with (HMAC-SHA256 of the body, base64, in X-Bridge-Signature). Both, or neither.
   */
  DELIVERY_WEBHOOK_HOSTS: z
    .string()
    .regex(/^[\w.-]+(:\d+)?(\s*,\s*[\w.-]+(:\d+)?)*$/, 'expected host names separated by commas, e.g. hooks.example.com,erp.internal:8443')
    .optional(),
  DELIVERY_WEBHOOK_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  /** Days a scheduled run's PDF and CSV are kept for download from the pane. */
  SCHEDULE_FILES_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days a pane session lasts. */
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a reverse proxy: how many hops to trust (1, 2, …) or which addresses ("loopback", "10.0.0.0/8, …"). */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|[\w.:/, -]+)$/, 'expected a number of hops or addresses and subnets, e.g. 1 or loopback')
    .optional(),
  /** `development` or `test` checks each JSON answer against the route table's schema before it is sent. */
  NODE_ENV: z.string().optional(),
});

/** LEDGER_CACHE_MB when it is not set: a quarter of this machine's memory, at least 256 and at most 4,096. */
function defaultLedgerCacheMb(): number {
  return Math.max(256, Math.min(4096, Math.floor(os.totalmem() / 4 / 2 ** 20)));
}

export type Config = {
  port: number;
  host: string;
  /** Worker threads for plans' checks (0: in-process); null: one per core beyond two, at most 4. */
  planThreads: number | null;
  /** DATABASE_URL: the PostgreSQL store several proxies share; null keeps everything in the SQLite file. */
  databaseUrl: string | null;
  /** LEDGER_CACHE_MB, or its default for this machine. */
  ledgerCacheMb: number;
  http: boolean;
  devCerts: boolean;
  publicUrl: string;
  dataDir: string;
  dbPath: string;
  snapshotDir: string | null;
  xero: { clientId: string; clientSecret: string; redirectUri: string; scopes: string } | null;
  /** XERO_API_URL: the Accounting API's base path when not Xero's own. */
  xeroApiUrl: string | null;
  /** SMTP_URL and MAIL_FROM: where scheduled reports are mailed from; null: runs keep their files and send nothing. */
  smtp: { url: string; from: string } | null;
  scheduleFileDays: number;
  /** Where scheduled reports may be posted, and the key that signs the posts; null: they may not be posted. */
  deliveryWebhook: { hosts: string[]; secret: string } | null;
  /** SCHEDULE_FOLDER, resolved; null: schedules cannot save to a folder. */
  scheduleFolder: string | null;
  /** XERO_WEBHOOK_KEY: with it (and a Xero app), POST /webhooks/xero takes Xero's webhooks. */
  xeroWebhookKey: string | null;
  bridgeSecret: string | null;
  demoLogin: boolean;
  /** The Host names requests may carry (lower case, without port); any other answers 421 (DNS rebinding). */
  allowedHosts: string[];
  sessionDays: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  checkAnswers: boolean;
  trustProxy: number | string | false;
};

const DEFAULT_SCOPES = 'offline_access openid profile email accounting.settings accounting.contacts accounting.transactions';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const value = relevant[variable];
    throw new ConfigError(`Configuration error: ${variable}=${JSON.stringify(value)} is not valid: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const xeroKeys = [e.XERO_CLIENT_ID, e.XERO_CLIENT_SECRET, e.XERO_REDIRECT_URI];
  const given = xeroKeys.filter((v) => v !== undefined).length;
  if (given > 0 && given < 3) {
    const missing = ['XERO_CLIENT_ID', 'XERO_CLIENT_SECRET', 'XERO_REDIRECT_URI'].filter((_, i) => xeroKeys[i] === undefined);
    throw new ConfigError(`Configuration error: ${missing.join(', ')} must be set too (a Xero app needs a client id, secret and redirect URI)`);
  }
  if (e.DATABASE_URL && given === 3 && !e.BRIDGE_SECRET) {
    throw new ConfigError(
      'Configuration error: BRIDGE_SECRET must be set with DATABASE_URL and a Xero app (every proxy seals and opens the same Xero tokens with it)',
    );
  }
  if (!e.DELIVERY_WEBHOOK_HOSTS !== !e.DELIVERY_WEBHOOK_SECRET) {
    throw new ConfigError(
      'Configuration error: DELIVERY_WEBHOOK_HOSTS and DELIVERY_WEBHOOK_SECRET go together (the hosts reports may be posted to, and the key that signs them)',
    );
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError('Configuration error: MAIL_FROM must be set with SMTP_URL (the address scheduled reports are sent from, e.g. reports@example.com)');
  }
  const scheme = e.HTTP ? 'http' : 'https';
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    planThreads: e.PLAN_THREADS ?? null,
    ledgerCacheMb: e.LEDGER_CACHE_MB ?? defaultLedgerCacheMb(),
    databaseUrl: e.DATABASE_URL ?? null,
    http: e.HTTP,
    devCerts: e.DEV_CERTS,
    publicUrl: e.PUBLIC_URL ?? `${scheme}://localhost:${e.PORT}`,
    dataDir,
    dbPath: path.resolve(e.DB_PATH ?? path.join(dataDir, 'bridge.db')),
    snapshotDir: e.XERO_SNAPSHOT ? path.resolve(e.XERO_SNAPSHOT) : null,
    xero:
      e.XERO_CLIENT_ID && e.XERO_CLIENT_SECRET && e.XERO_REDIRECT_URI
        ? {
            clientId: e.XERO_CLIENT_ID,
            clientSecret: e.XERO_CLIENT_SECRET,
            redirectUri: e.XERO_REDIRECT_URI,
            scopes: e.XERO_SCOPES ?? DEFAULT_SCOPES,
          }
        : null,
    xeroApiUrl: e.XERO_API_URL ?? null,
    xeroWebhookKey: e.XERO_WEBHOOK_KEY ?? null,
    smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
    scheduleFileDays: e.SCHEDULE_FILES_DAYS,
    scheduleFolder: e.SCHEDULE_FOLDER ? path.resolve(e.SCHEDULE_FOLDER) : null,
    deliveryWebhook:
      e.DELIVERY_WEBHOOK_HOSTS && e.DELIVERY_WEBHOOK_SECRET
        ? { hosts: e.DELIVERY_WEBHOOK_HOSTS.split(',').map((h) => h.trim().toLowerCase()), secret: e.DELIVERY_WEBHOOK_SECRET }
        : null,
    bridgeSecret: e.BRIDGE_SECRET ?? null,
    demoLogin: e.DEMO_LOGIN ?? !e.XERO_SNAPSHOT,
    allowedHosts: [
      'localhost',
      '127.0.0.1',
      '[::1]',
      ...(e.PUBLIC_URL ? [new URL(e.PUBLIC_URL).hostname] : []),
      ...(e.ALLOWED_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ],
    sessionDays: e.SESSION_DAYS,
    logLevel: e.LOG_LEVEL,
    checkAnswers: e.NODE_ENV === 'development' || e.NODE_ENV === 'test',
    trustProxy: e.TRUST_PROXY === undefined ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
  };
}
