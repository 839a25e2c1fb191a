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
 * - `report_schedules`, `schedule_runs`, `schedule_run_files`: scheduled reports, each run once per occurrence (the
 *   pair is unique), with what it resolved, sent and answered, and its files for a stated number of days.
 * - `statement_sends`: each customer statement mailed, once per organisation, period and customer (a failed one may
 *   be sent again), with the address, the closing balance, who sent it and the mail server's reply.
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
  );
  CREATE TABLE report_schedules (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    connection_id TEXT,
    definition TEXT NOT NULL,
    timezone TEXT NOT NULL,
    paused INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    handled_until BIGINT NOT NULL
  );
  CREATE TABLE schedule_runs (
    id TEXT PRIMARY KEY,
    schedule_id TEXT NOT NULL,
    occurrence BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    lease_until BIGINT NOT NULL,
    finished_at BIGINT,
    status TEXT NOT NULL,
    dates TEXT,
    recipients TEXT NOT NULL,
    message TEXT,
    attempts INTEGER NOT NULL,
    UNIQUE (schedule_id, occurrence)
  );
  CREATE TABLE schedule_run_files (
    run_id TEXT NOT NULL,
    format TEXT NOT NULL,
    name TEXT NOT NULL,
    content TEXT NOT NULL,
    kept_until BIGINT NOT NULL,
    PRIMARY KEY (run_id, format)
  );
  CREATE TABLE statement_sends (
    tenant_id TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    contact_id TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    email TEXT NOT NULL,
    currency TEXT NOT NULL,
    closing BIGINT NOT NULL,
    status TEXT NOT NULL,
    reply TEXT,
    sent_by TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, period_from, period_to, contact_id)
  );`;
