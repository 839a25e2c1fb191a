/**
 * Xero's limits per organisation: at most 5 calls in flight, 60 in any rolling minute and 5,000 a day.
 * One RateLimiter per organisation holds calls back so that neither of the first two is ever passed,
 * pauses every call when Xero answers 429 (for Retry-After seconds), and keeps the remaining counts
 * Xero reports (X-MinLimit-Remaining, X-DayLimit-Remaining).
 */

export type Clock = {
  now(): number;
  sleep(ms: number): Promise<void>;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A wait longer than this (Xero's daily limit, or a long Retry-After) is reported at once rather than waited out. */
export const LONGEST_WAIT_MS = 65_000;

export type LimiterStats = {
  /** Calls started. */
  started: number;
  /** The most calls ever in flight at once. */
  peakInFlight: number;
  /** The most calls started within any 60-second window. */
  peakPerMinute: number;
  dayRemaining: number | null;
  minuteRemaining: number | null;
};

/** What the gateway asks of an organisation's limiter: this process's own (RateLimiter) or the one every proxy shares (SharedLimiter). */
export type CallLimiter = {
  /** Runs `call` when the limits allow it. */
  schedule<T>(call: () => Promise<T>): Promise<T>;
  /** Xero answered 429: hold every call for this organisation for `seconds`. */
  pause(seconds: number): Promise<void> | void;
  /** Records the remaining calls Xero reports in its response headers. */
  observe(headers: Record<string, unknown> | undefined): void;
  readonly stats: LimiterStats;
};

/** Records X-MinLimit-Remaining and X-DayLimit-Remaining from Xero's answer into `stats`. */
export function observeRemaining(stats: LimiterStats, headers: Record<string, unknown> | undefined): void {
  if (!headers) return;
  const read = (name: string) => {
    const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
    const n = entry ? Number(entry[1]) : NaN;
    return Number.isFinite(n) ? n : null;
  };
  const day = read('x-daylimit-remaining');
  const minute = read('x-minlimit-remaining');
  if (day !== null) stats.dayRemaining = day;
  if (minute !== null) stats.minuteRemaining = minute;
}

export type LimiterOptions = { maxInFlight?: number; perMinute?: number; windowMs?: number; clock?: Clock };

export class RateLimiter implements CallLimiter {
  readonly maxInFlight: number;
  readonly perMinute: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private inFlight = 0;
  /** When recent calls finished. Xero counts a call at some moment between its start and its answer, so
   * a call holds a place in the minute window from its start until 60 s after its answer. */
  private finishes: number[] = [];
  private recentStarts: number[] = [];
  private pausedUntil = 0;
  private waiting: Array<() => void> = [];
  private pumping = false;
  readonly stats: LimiterStats = { started: 0, peakInFlight: 0, peakPerMinute: 0, dayRemaining: null, minuteRemaining: null };

  constructor(options: LimiterOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 5;
    this.perMinute = options.perMinute ?? 60;
    this.windowMs = options.windowMs ?? 60_000;
    this.clock = options.clock ?? systemClock;
  }

  /** Runs `call` when the limits allow it. */
  async schedule<T>(call: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      void this.pump();
    });
    try {
      return await call();
    } finally {
      this.inFlight--;
      this.finishes.push(this.clock.now());
      void this.pump();
    }
  }

  /** Xero answered 429: hold every call for this organisation for `seconds`. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + seconds * 1000);
  }

  /** Records the remaining calls Xero reports in its response headers. */
  observe(headers: Record<string, unknown> | undefined): void {
    observeRemaining(this.stats, headers);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
        const now = this.clock.now();
        this.finishes = this.finishes.filter((t) => t > now - this.windowMs);
        this.recentStarts = this.recentStarts.filter((t) => t > now - this.windowMs);
        let waitMs = 0;
        if (this.pausedUntil > now) waitMs = this.pausedUntil - now;
        else if (this.finishes.length + this.inFlight >= this.perMinute) {
          // Wait for the oldest finished call to leave the window (or, if all are in flight, for one to finish).
          waitMs = this.finishes.length > 0 ? (this.finishes[0] as number) + this.windowMs - now : 0;
          if (waitMs <= 0) break;
        }
        if (waitMs > 0) {
          await this.clock.sleep(waitMs);
          continue;
        }
        const next = this.waiting.shift() as () => void;
        this.inFlight++;
        this.recentStarts.push(now);
        this.stats.started++;
        this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
        this.stats.peakPerMinute = Math.max(this.stats.peakPerMinute, this.recentStarts.length);
        next();
      }
    } finally {
      this.pumping = false;
    }
  }
}
