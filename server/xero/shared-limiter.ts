import crypto from 'node:crypto';
import type { SqlRunner, SqlStore } from '../storage/sql';
import { XeroError } from './errors';
import type { CallLimiter, Clock, LimiterStats } from './limiter';
import { LONGEST_WAIT_MS, observeRemaining, systemClock } from './limiter';

/** A call in flight counts for this long after its process last renewed it (a killed proxy's calls stop counting). */
export const LEASE_MS = 60_000;
const RENEW_MS = 20_000;
const DAY_MS = 86_400_000;
/** How often a process looks again while every place in flight is taken (by any proxy). */
const POLL_MS = 100;

export type SharedLimiterOptions = { maxInFlight?: number; perMinute?: number; perDay?: number; windowMs?: number; clock?: Clock };

/** A place to make one call, or how long to wait for one and why. */
type Turn = { id: string } | { waitMs: number; limit: 'paused' | 'day' | 'concurrent' | 'minute' };

type Counts = { in_flight: unknown; minute: unknown; day: unknown; frees_at: unknown; oldest: unknown };

/**
 * Xero's limits for one organisation kept in the store, so that they hold whichever proxy makes the call: at most 5
 * calls in flight, 60 in any rolling minute (a call holds its place from its start until 60 s after its answer, as
 * RateLimiter does) and 5,000 a day; a 429's pause is honoured by every proxy. Each take of a place is one
 * transaction exclusive to the organisation. A process queues its own calls and asks the store for one place at a
 * time, so waiting costs one query per poll, not one per waiting call.
 */
export class SharedLimiter implements CallLimiter {
  readonly stats: LimiterStats = { started: 0, peakInFlight: 0, peakPerMinute: 0, dayRemaining: null, minuteRemaining: null };
  private readonly maxInFlight: number;
  private readonly perMinute: number;
  private readonly perDay: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly waiting: Array<{ resolve: (id: string) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;
  private pumping = false;

  constructor(
    private readonly store: SqlStore,
    private readonly tenantId: string,
    options: SharedLimiterOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 5;
    this.perMinute = options.perMinute ?? 60;
    this.perDay = options.perDay ?? 5000;
    this.windowMs = options.windowMs ?? 60_000;
    this.clock = options.clock ?? systemClock;
  }

  async schedule<T>(call: () => Promise<T>): Promise<T> {
    const id = await new Promise<string>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      void this.pump();
    });
    const renew = setInterval(() => {
      this.store.run('UPDATE xero_calls SET lease_until = ? WHERE id = ?', [this.clock.now() + LEASE_MS, id]).catch(() => undefined);
    }, RENEW_MS);
    renew.unref();
    try {
      return await call();
    } finally {
      clearInterval(renew);
      // If this fails (the store is down), the lease runs out and the call stops counting a minute later.
      await this.store.run('UPDATE xero_calls SET finished_at = ? WHERE id = ?', [this.clock.now(), id]).catch(() => undefined);
      this.inFlight--;
      void this.pump();
    }
  }

  async pause(seconds: number): Promise<void> {
    const until = this.clock.now() + seconds * 1000;
    await this.store.run(
      `INSERT INTO xero_limits (tenant_id, paused_until) VALUES (?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET paused_until = CASE WHEN xero_limits.paused_until > excluded.paused_until
         THEN xero_limits.paused_until ELSE excluded.paused_until END`,
      [this.tenantId, until],
    );
  }

  observe(headers: Record<string, unknown> | undefined): void {
    observeRemaining(this.stats, headers);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
        let turn: Turn;
        try {
          turn = await this.store.transaction((tx) => this.take(tx), { exclusive: `xero-limit:${this.tenantId}` });
        } catch (error) {
          for (const w of this.waiting.splice(0)) w.reject(error);
          break;
        }
        if ('id' in turn) {
          this.inFlight++;
          this.stats.started++;
          this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
          this.waiting.shift()?.resolve(turn.id);
        } else if (turn.waitMs > LONGEST_WAIT_MS) {
          const error = tooLong(turn.waitMs, turn.limit);
          for (const w of this.waiting.splice(0)) w.reject(error);
        } else await this.clock.sleep(Math.max(1, turn.waitMs));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Inside the organisation's exclusive transaction: forget calls older than a day, count, and take a place if one is free. */
  private async take(tx: SqlRunner): Promise<Turn> {
    const now = this.clock.now();
    const since = now - this.windowMs;
    await tx.run('DELETE FROM xero_calls WHERE tenant_id = ? AND started_at <= ?', [this.tenantId, now - DAY_MS]);
    const paused = await tx.get<{ paused_until: unknown }>('SELECT paused_until FROM xero_limits WHERE tenant_id = ?', [this.tenantId]);
    const pausedUntil = Number(paused?.paused_until ?? 0);
    if (pausedUntil > now) return { waitMs: pausedUntil - now, limit: 'paused' };
    // In flight: not answered and its lease alive. In the minute: in flight, or answered (or its lease ended) within
    // the window; such a call frees its place a window after it ended.
    const c = (await tx.get<Counts>(
      `SELECT
         SUM(CASE WHEN finished_at IS NULL AND lease_until > ? THEN 1 ELSE 0 END) AS in_flight,
         SUM(CASE WHEN COALESCE(finished_at, lease_until) > ? THEN 1 ELSE 0 END) AS minute,
         MIN(CASE WHEN COALESCE(finished_at, lease_until) > ? AND COALESCE(finished_at, lease_until) <= ?
           THEN COALESCE(finished_at, lease_until) END) AS frees_at,
         COUNT(*) AS day,
         MIN(started_at) AS oldest
       FROM xero_calls WHERE tenant_id = ?`,
      [now, since, since, now, this.tenantId],
    )) as Counts;
    const inFlight = Number(c.in_flight ?? 0);
    const minute = Number(c.minute ?? 0);
    if (Number(c.day) >= this.perDay) return { waitMs: Number(c.oldest) + DAY_MS - now, limit: 'day' };
    if (inFlight >= this.maxInFlight) return { waitMs: POLL_MS, limit: 'concurrent' };
    if (minute >= this.perMinute) {
      const freesAt = c.frees_at === null ? null : Number(c.frees_at) + this.windowMs;
      return { waitMs: freesAt === null ? POLL_MS : Math.min(freesAt - now, this.windowMs), limit: 'minute' };
    }
    const id = crypto.randomUUID();
    await tx.run('INSERT INTO xero_calls (id, tenant_id, started_at, lease_until) VALUES (?, ?, ?, ?)', [id, this.tenantId, now, now + LEASE_MS]);
    this.stats.peakPerMinute = Math.max(this.stats.peakPerMinute, minute + 1);
    return { id };
  }
}

function tooLong(waitMs: number, limit: string): XeroError {
  const seconds = Math.ceil(waitMs / 1000);
  const what =
    limit === 'day' ? "Xero's daily limit of calls for this organisation was reached" : 'Xero asked every proxy to pause calls for this organisation';
  // Status 0: no call was made (Xero did not answer 429 this time), so the gateway does not pause again.
  return new XeroError('rate_limited', `${what}: try again in ${seconds} seconds`, 0, seconds, limit === 'day' ? 'day' : null);
}
