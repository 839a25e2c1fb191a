import { Cron } from 'croner';
import { WEEKDAYS } from '../../core/contract/schedules';
import type { Recurrence } from '../../core/contract/schedules';
import { badRequest } from '../errors';

type Timed = Exclude<Recurrence, { every: 'change' }>;

/** A recurrence as a cron expression (croner's: `L` is the month's last day). */
export function cronOf(r: Timed): string {
  if (r.every === 'cron') return r.cron;
  const [hour, minute] = r.at.split(':').map(Number) as [number, number];
  if (r.every === 'day') return `${minute} ${hour} * * *`;
  if (r.every === 'week') return `${minute} ${hour} * * ${(WEEKDAYS.indexOf(r.weekday) + 1) % 7}`;
  return `${minute} ${hour} ${r.day === 'last' ? 'L' : r.day} * *`;
}

function cron(r: Timed, timezone: string): Cron {
  try {
    return new Cron(cronOf(r), { timezone, paused: true });
  } catch (err) {
    throw badRequest(
      `recurrence.cron: "${cronOf(r)}" is not a cron expression croner reads (${(err as Error).message}); e.g. "0 7 * * 1" for 07:00 every Monday`,
    );
  }
}

/** Checks a recurrence (a cron expression must parse), throwing a 400 that names the field. */
export function checkRecurrence(r: Recurrence, timezone: string): void {
  if (r.every !== 'change') cron(r, timezone);
}

/** The first occurrence strictly after `after` (ms), in the timezone, or null when there is none. */
export function nextOccurrence(r: Recurrence, timezone: string, after: number): number | null {
  if (r.every === 'change') return null;
  return cron(r, timezone).nextRun(new Date(after))?.getTime() ?? null;
}

/** The latest occurrence after `after` and at or before `now`: the one run after a stop, however many were missed. */
export function latestDue(r: Recurrence, timezone: string, after: number, now: number): number | null {
  if (r.every === 'change') return null;
  const c = cron(r, timezone);
  let due: number | null = null;
  for (let next = c.nextRun(new Date(after)); next && next.getTime() <= now; next = c.nextRun(next)) due = next.getTime();
  return due;
}
