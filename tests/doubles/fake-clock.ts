import type { Clock } from '../../server/xero/limiter';

/**
 * Virtual time for tests: `sleep` does not wait; the earliest sleeper wakes on the next turn of the
 * event loop and time jumps to its wake-up time. Shared by the proxy and the Xero stand-in so both
 * judge rate windows on the same clock.
 */
export class FakeClock implements Clock {
  private t: number;
  private timers: Array<{ at: number; resolve: () => void }> = [];
  /** Total virtual milliseconds slept, by anyone. */
  slept = 0;

  constructor(start = Date.UTC(2026, 10, 1, 9, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + ms, resolve });
      this.timers.sort((a, b) => a.at - b.at);
      setImmediate(() => this.fire());
    });
  }

  private fire(): void {
    const next = this.timers.shift();
    if (!next) return;
    if (next.at > this.t) {
      this.slept += next.at - this.t;
      this.t = next.at;
    }
    next.resolve();
  }
}
