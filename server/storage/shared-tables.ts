/**
 * What every proxy on the store keeps together, in SQL both SQLite and PostgreSQL run as written (one migration in
 * each schema):
 * - `xero_calls`: each call to Xero an organisation has made in the last day: while in flight it holds a lease its
 *   process renews (a killed proxy's call stops counting when the lease runs out); once answered it holds a place in
 *   the rolling minute until 60 s after its answer, and in the day's count for a day.
 * - `xero_limits`: an organisation's pause after a 429, which every proxy honours.
 * - `request_limits`: the proxy's own per-minute limits on sign-ins and writes, by client address or session.
 * - `background_jobs`: work no request waits for (a pull after a Xero webhook), claimed by one proxy under a lease,
 *   so that it runs once however many proxies there are and however often Xero delivers it.
 */
export const SHARED_TABLES = `
  CREATE TABLE xero_calls (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    lease_until BIGINT NOT NULL,
    finished_at BIGINT
  );
  CREATE INDEX xero_calls_by_start ON xero_calls (tenant_id, started_at);
  CREATE TABLE xero_limits (
    tenant_id TEXT PRIMARY KEY,
    paused_until BIGINT NOT NULL
  );
  CREATE TABLE request_limits (
    key TEXT PRIMARY KEY,
    window_ends BIGINT NOT NULL,
    hits INTEGER NOT NULL
  );
  CREATE TABLE background_jobs (
    key TEXT PRIMARY KEY,
    claimed_at BIGINT NOT NULL,
    lease_until BIGINT NOT NULL,
    finished_at BIGINT,
    outcome TEXT
  );`;
