import type { SqlStore } from '../storage/sql';

/** How long a claimed job is its proxy's before another may take it over (the proxy may have died running it). */
const LEASE_MS = 10 * 60_000;

/**
 * Background work run once however many proxies share the store: a proxy claims a job by its key (one atomic upsert)
 * before running it, and records how it ended. A job whose proxy died is claimed again once its lease runs out; a
 * finished one is never run again.
 */
export class JobClaims {
  constructor(
    private readonly store: SqlStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when this caller now holds the job and should run it; false when another holds it or it has been done. */
  async claim(key: string, leaseMs = LEASE_MS): Promise<boolean> {
    const now = this.now();
    const row = await this.store.get<{ key: string }>(
      `INSERT INTO background_jobs (key, claimed_at, lease_until) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, lease_until = excluded.lease_until
         WHERE background_jobs.finished_at IS NULL AND background_jobs.lease_until <= ?
       RETURNING key`,
      [key, now, now + leaseMs, now],
    );
    return row !== undefined;
  }

  /** Records how the job ended (`done`, or what went wrong); it will not be claimed again. */
  async finish(key: string, outcome: string): Promise<void> {
    await this.store.run('UPDATE background_jobs SET finished_at = ?, outcome = ? WHERE key = ?', [this.now(), outcome.slice(0, 1000), key]);
  }

  async outcome(key: string): Promise<string | null> {
    return (await this.store.get<{ outcome: string | null }>('SELECT outcome FROM background_jobs WHERE key = ?', [key]))?.outcome ?? null;
  }
}
