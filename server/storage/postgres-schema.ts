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
];
