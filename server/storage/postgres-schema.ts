import { SHARED_TABLES } from './shared-tables';

/**
 * The PostgreSQL schema, migration by migration (the SQLite one is in ./db.ts): the same tables and columns as
 * SQLite's, moved here as each part of the proxy's state comes to run on both. Append only: never edit a migration
 * that has shipped.
 */
export const postgresMigrations: readonly string[] = [
  // Pane sessions and the organisations each may reach (server/sessions/sessions.ts).
  `CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('demo', 'xero')),
     user_name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT,
     connection_id TEXT
   );
   CREATE TABLE session_organisations (
     token_hash TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
     tenant_id TEXT NOT NULL,
     PRIMARY KEY (token_hash, tenant_id)
   );`,
  // Mappings: the current mapping per source code, versioned; batches (one per apply or revert, keyed by the client's
  // Idempotency-Key, and the run a part of a large sheet belongs to) and the audit trail of every change.
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
     run TEXT,
     UNIQUE (tenant_id, idempotency_key)
   );
   CREATE TABLE mapping_audit (
     id BIGSERIAL PRIMARY KEY,
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
  // One-use OAuth states of Xero sign-ins (server/xero/sign-in.ts): only hashes, with the PKCE verifier and nonce.
  `CREATE TABLE oauth_states (
     state_hash TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT,
     code_verifier TEXT,
     nonce TEXT,
     browser_hash TEXT
   );`,
  // Xero connections (token sets sealed with AES-256-GCM under BRIDGE_SECRET, the same on every proxy) and their organisations.
  `CREATE TABLE xero_connections (
     id TEXT PRIMARY KEY,
     xero_user_id TEXT,
     user_name TEXT NOT NULL,
     token_set TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('ok', 'reconnect_needed')),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE connection_tenants (
     connection_id TEXT NOT NULL REFERENCES xero_connections(id) ON DELETE CASCADE,
     tenant_id TEXT NOT NULL,
     organisation TEXT NOT NULL,
     position INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (connection_id, tenant_id)
   );
   ALTER TABLE sessions ADD FOREIGN KEY (connection_id) REFERENCES xero_connections(id) ON DELETE SET NULL;`,
  SHARED_TABLES,
  // The pull cache the proxies share (server/xero/shared-cache.ts): each endpoint's records with the version of the
  // pull that last wrote them, so that a proxy copies only what changed since the version it holds; and each
  // endpoint's version, the version of its last full pull, and where Xero's If-Modified-Since stands.
  `CREATE TABLE xero_shared_cache (
     tenant_id TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     record_id TEXT NOT NULL,
     version BIGINT NOT NULL,
     seq BIGINT NOT NULL,
     body TEXT NOT NULL,
     record TEXT,
     PRIMARY KEY (tenant_id, endpoint, record_id)
   );
   CREATE INDEX xero_shared_cache_order ON xero_shared_cache (tenant_id, endpoint, seq);
   CREATE INDEX xero_shared_cache_versions ON xero_shared_cache (tenant_id, endpoint, version);
   CREATE TABLE xero_shared_state (
     tenant_id TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     version BIGINT NOT NULL,
     replaced_at BIGINT NOT NULL,
     fetched_at TEXT NOT NULL,
     modified_since TEXT,
     PRIMARY KEY (tenant_id, endpoint)
   );`,
];
