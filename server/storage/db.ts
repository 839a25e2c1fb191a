import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SHARED_TABLES } from './shared-tables';

export type Db = Database.Database;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Append only: never edit a migration that has shipped.
 */
const migrations: readonly string[] = [
  `CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('demo', 'xero')),
     user_name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE session_organisations (
     token_hash TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
     tenant_id TEXT NOT NULL,
     PRIMARY KEY (token_hash, tenant_id)
   );`,
  // Xero connections (token sets sealed with AES-256-GCM), one-use OAuth states, and the pull cache.
  `CREATE TABLE xero_connections (
     id TEXT PRIMARY KEY,
     xero_user_id TEXT,
     user_name TEXT NOT NULL,
     token_set TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('ok', 'reconnect_needed')),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE connection_tenants (
     connection_id TEXT NOT NULL REFERENCES xero_connections(id) ON DELETE CASCADE,
     tenant_id TEXT NOT NULL,
     organisation TEXT NOT NULL,
     PRIMARY KEY (connection_id, tenant_id)
   );
   CREATE TABLE oauth_states (
     state_hash TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );
   ALTER TABLE sessions ADD COLUMN connection_id TEXT REFERENCES xero_connections(id) ON DELETE SET NULL;
   CREATE TABLE xero_cache (
     tenant_id TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     record_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (tenant_id, endpoint, record_id)
   );
   CREATE TABLE xero_cache_state (
     tenant_id TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     fetched_at TEXT NOT NULL,
     modified_since TEXT,
     PRIMARY KEY (tenant_id, endpoint)
   );`,
  // Mappings: the current mapping per source code, versioned; batches (one per apply or revert, keyed by
  // the client's Idempotency-Key) and the audit trail of every change.
  `CREATE TABLE mappings (
     tenant_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     source_code TEXT NOT NULL,
     target TEXT NOT NULL,
     details TEXT NOT NULL,
     version INTEGER NOT NULL,
     batch_id TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (tenant_id, kind, source_code)
   );
   CREATE TABLE mapping_versions (
     tenant_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     version INTEGER NOT NULL,
     PRIMARY KEY (tenant_id, kind)
   );
   CREATE TABLE mapping_batches (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     request_hash TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('started', 'done')),
     who TEXT NOT NULL,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     reverts TEXT,
     response TEXT,
     UNIQUE (tenant_id, idempotency_key)
   );
   CREATE TABLE mapping_audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     batch_id TEXT NOT NULL REFERENCES mapping_batches(id),
     tenant_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     source_code TEXT NOT NULL,
     sheet_row INTEGER,
     who TEXT NOT NULL,
     at TEXT NOT NULL,
     before TEXT,
     after TEXT,
     xero_before TEXT,
     xero_after TEXT
   );`,
  // PKCE and the OpenID nonce of each sign-in, and the hash of the dialog's own cookie, which its callback must carry.
  `ALTER TABLE oauth_states ADD COLUMN code_verifier TEXT;
   ALTER TABLE oauth_states ADD COLUMN nonce TEXT;
   ALTER TABLE oauth_states ADD COLUMN browser_hash TEXT;`,
  // A sheet too large for one request is applied in parts: each part's batch names the run it belongs to, and Undo undoes the run.
  `ALTER TABLE mapping_batches ADD COLUMN run TEXT;`,
  // Which snapshot folder's records the cache holds (under the key snapshot:<tenant id>), by what identifies its files.
  `CREATE TABLE snapshot_imports (
     tenant_id TEXT PRIMARY KEY,
     folder TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     imported_at TEXT NOT NULL
   );`,
  // The pull cache, laid out again: each large table's record also in its compact core form (server/xero/compact.ts),
  // which reads use instead of Xero's JSON; each row's generation, so that a full pull writes its pages as the next
  // generation and makes it current in one step (readers never see half of it, no page waits for the others); and
  // an index in Xero's order, so that reading a chunk at a time (and finding the next position) scans nothing.
  `CREATE TABLE xero_cache_next (
     tenant_id TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     gen INTEGER NOT NULL DEFAULT 0,
     record_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     record TEXT,
     PRIMARY KEY (tenant_id, endpoint, gen, record_id)
   );
   INSERT INTO xero_cache_next (tenant_id, endpoint, gen, record_id, seq, body, record)
     SELECT tenant_id, endpoint, 0, record_id, seq, body, NULL FROM xero_cache;
   DROP TABLE xero_cache;
   ALTER TABLE xero_cache_next RENAME TO xero_cache;
   CREATE INDEX xero_cache_order ON xero_cache (tenant_id, endpoint, gen, seq);
   ALTER TABLE xero_cache_state ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;`,
  // A connection's organisations in the order Xero listed them, in SQL both stores read alike (PostgreSQL has no rowid).
  `ALTER TABLE connection_tenants ADD COLUMN position INTEGER NOT NULL DEFAULT 0;`,
  SHARED_TABLES,
  // Which version of the pull cache the proxies share (PostgreSQL, server/xero/shared-cache.ts) this copy holds.
  `ALTER TABLE xero_cache_state ADD COLUMN shared_version INTEGER NOT NULL DEFAULT 0;`,
];

/** The store cannot be used as it is (damaged, truncated, not a database, or from a newer version): one line says what to do. */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
}

const damaged = (file: string, what: string) =>
  new DatabaseError(
    `The database ${file} cannot be used (${what}): restore it from a backup, or move it aside to start with an empty one (every user then connects to Xero again)`,
  );

/**
 * The pull cache's records: they grow with the books (a 100,000-invoice organisation's take about 0.2 s to check,
 * at every start) and can all be read again, from Xero or from the snapshot folder. A damaged page among them is
 * found when it is read, and answered as a damaged store (server/http/error-handler.ts), not checked at start.
 */
const PULL_CACHE_RECORDS = 'xero_cache';

/** SQLite's quick_check of every table but the pull cache's records (and of their indexes): 'ok', or what is wrong. */
function quickCheck(db: Db): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> ?").pluck().all(PULL_CACHE_RECORDS) as string[];
  for (const table of ['sqlite_schema', ...tables]) {
    const lines = (db.pragma(`quick_check("${table.replace(/"/g, '""')}")`) as Array<{ quick_check: string }>).map((r) => r.quick_check);
    if (lines[0] !== 'ok') return lines;
  }
  return ['ok'];
}

/**
 * Opens (creating and migrating) the SQLite store; `:memory:` gives a private in-memory store. The file is checked
 * first (SQLite's quick_check of what is not the pull cache), so that a damaged one is refused at start instead of
 * failing every request.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: Db | undefined;
  try {
    // No waiting for the lock at open: another proxy holding it is an answer at once.
    db = new Database(file, { timeout: 0 });
    if (file !== ':memory:') {
      // One proxy per file: the lock is taken now and held until the proxy stops (several proxies share a store
      // through PostgreSQL). In this mode SQLite keeps the WAL index in memory, so no -shm file is left beside it.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.exec('BEGIN IMMEDIATE; COMMIT;');
    }
    const check = quickCheck(db);
    if (check[0] !== 'ok') throw damaged(file, `SQLite's check: ${check.filter((line) => !line.startsWith('***'))[0] ?? check[0]}`);
  } catch (err) {
    // A refused file is closed again, so that its lock is not held by a store nobody uses.
    db?.close();
    if (err instanceof DatabaseError) throw err;
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DatabaseError(
        `Another Xero Bridge proxy is using ${file}: stop it, or give this one its own DATA_DIR (several proxies share one store through PostgreSQL)`,
      );
    }
    throw damaged(file, (err as Error).message);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Whether the store answers a read now (for /healthz). */
export function databaseAnswers(db: Db): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.prepare('SELECT 1 FROM sessions LIMIT 1').get();
    return true;
  } catch {
    return false;
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new DatabaseError(`The database was written by a newer Xero Bridge (schema ${current}, this one knows ${migrations.length})`);
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
