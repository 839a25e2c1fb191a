import path from 'node:path';
import type { AppDeps } from './app';
import { ConfigError, loadConfig } from './config';
import type { Config } from './config';
import type { createLogger } from './logger';
import { DEMO_SNAPSHOT_DIR } from './paths';
import { KeyError, openSecretBox } from './security/key-check';
import type { SecretBox } from './security/secret-box';
import type { LedgerCache } from './sources/ledger-cache';
import { OrganisationRegistry } from './sources/registry';
import { SnapshotError, SnapshotSource } from './sources/snapshot';
import { SnapshotStore } from './sources/snapshot-store';
import { secureDataDir } from './storage/data-dir';
import { DatabaseError, openDatabase } from './storage/db';
import type { Db } from './storage/db';
import { openPostgres } from './storage/postgres';
import { sqliteStore } from './storage/sql';
import type { SqlStore } from './storage/sql';
import { XeroCache } from './xero/cache';
import { XeroConnections } from './xero/connections';
import { XeroGateway } from './xero/gateway';
import { SharedCache } from './xero/shared-cache';
import { SharedLimiter } from './xero/shared-limiter';
import { XeroSignIn } from './xero/sign-in';

/**
 * What the proxy (server/main.ts) and the report command (scripts/report.ts) open alike: the configuration, the
 * stores, the organisations served from snapshots and the Xero side. Problems a user can fix stop with one line.
 */

/** Stops with one clear line (no stack trace) for problems the user can fix. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export function loadOrganisations(config: Config, db: Db, ledgers: LedgerCache): OrganisationRegistry {
  const registry = new OrganisationRegistry();
  // XERO_SNAPSHOT serves that folder; otherwise the demo is served whenever no Xero app is configured.
  const folder = config.snapshotDir ?? (config.xero ? null : DEMO_SNAPSHOT_DIR);
  try {
    if (folder) registry.add(SnapshotSource.load(folder, { store: new SnapshotStore(db, new XeroCache(db)), ledgers }));
  } catch (err) {
    if (err instanceof SnapshotError) fail(err.message);
    throw err;
  }
  return registry;
}

export async function xeroSide(config: Config, db: Db, shared: SqlStore): Promise<AppDeps['xero']> {
  if (!config.xero) return null;
  let box: SecretBox;
  try {
    box = await openSecretBox(shared, config.bridgeSecret, path.join(config.dataDir, 'secret.key'));
  } catch (err) {
    fail(err instanceof KeyError ? err.message : `Configuration error: ${(err as Error).message}`);
  }
  const connections = new XeroConnections(shared, box, config.xero, config.xeroApiUrl ? { apiBasePath: config.xeroApiUrl } : {});
  return {
    connections,
    // The pull cache is in this proxy's own SQLite file (DATA_DIR). With several proxies on PostgreSQL, each
    // organisation's Xero limits and the pull cache are shared there too, and the SQLite file holds this proxy's copy.
    gateway: new XeroGateway(
      connections,
      new XeroCache(db),
      shared.kind === 'postgres' && config.databaseUrl
        ? {
            limiterFor: (tenantId) => new SharedLimiter(shared, tenantId),
            // Pulls hold a connection of their own while they call Xero (their transaction keeps other proxies from
            // pulling the same endpoint at once): a pool apart, so that they never wait on connections they hold.
            shared: new SharedCache(await openPostgres(config.databaseUrl, { max: 10 })),
          }
        : {},
    ),
    signIn: new XeroSignIn(shared, connections),
    redirectUri: config.xero.redirectUri,
  };
}

/** The store the proxies share: PostgreSQL with DATABASE_URL (migrated now), else the SQLite file. */
export async function sharedStore(config: Config, db: Db): Promise<SqlStore> {
  if (!config.databaseUrl) return sqliteStore(db);
  try {
    return await openPostgres(config.databaseUrl);
  } catch (err) {
    fail(`PostgreSQL at DATABASE_URL could not be used: ${(err as Error).message}`);
  }
}

/** The data folder made owner-only, and the database opened; a damaged database stops the start in one line. */
export function openStore(config: Config, logger: ReturnType<typeof createLogger>): Db {
  for (const dir of new Set([config.dataDir, path.dirname(config.dbPath)])) {
    const tightened = secureDataDir(dir);
    if (tightened.length > 0) logger.warn({ dir, files: tightened.length }, 'Made the data folder and its files owner-only (0700 folders, 0600 files)');
  }
  try {
    return openDatabase(config.dbPath);
  } catch (err) {
    if (err instanceof DatabaseError) fail(err.message);
    throw err;
  }
}

/** The configuration, or a stop with one line naming what to fix. */
export function configOrFail(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}
