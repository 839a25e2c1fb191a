import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { SqlStore } from '../storage/sql';

/** Windows that ended this long ago are deleted now and then, so the table holds only recent clients. */
const KEEP_MS = 3_600_000;

/**
 * express-rate-limit's counts kept in the store (the `request_limits` table), so that a limit holds across every
 * proxy sharing it: one atomic upsert per request counts the hit and starts a new window when the last one ended.
 * `prefix` keeps each limit's keys apart.
 */
export class SqlLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private counted = 0;

  constructor(
    private readonly store: SqlStore,
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    if (++this.counted % 1000 === 0) await this.store.run('DELETE FROM request_limits WHERE window_ends < ?', [now - KEEP_MS]);
    const row = await this.store.get<{ hits: unknown; window_ends: unknown }>(
      `INSERT INTO request_limits (key, window_ends, hits) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN request_limits.window_ends <= ? THEN 1 ELSE request_limits.hits + 1 END,
         window_ends = CASE WHEN request_limits.window_ends <= ? THEN excluded.window_ends ELSE request_limits.window_ends END
       RETURNING hits, window_ends`,
      [this.prefix + key, now + this.windowMs, now, now],
    );
    return { totalHits: Number(row?.hits ?? 1), resetTime: new Date(Number(row?.window_ends ?? now + this.windowMs)) };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.store.get<{ hits: unknown; window_ends: unknown }>(
      'SELECT hits, window_ends FROM request_limits WHERE key = ? AND window_ends > ?',
      [this.prefix + key, this.now()],
    );
    return row ? { totalHits: Number(row.hits), resetTime: new Date(Number(row.window_ends)) } : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.store.run('UPDATE request_limits SET hits = hits - 1 WHERE key = ? AND hits > 0', [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.store.run('DELETE FROM request_limits WHERE key = ?', [this.prefix + key]);
  }
}
