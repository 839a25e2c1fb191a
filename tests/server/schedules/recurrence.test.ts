import { dateIn } from '../../../core/schedules/relative-dates';
import { checkRecurrence, cronOf, latestDue, nextOccurrence } from '../../../server/schedules/recurrence';
import type { Recurrence } from '../../../core/contract/schedules';

/** The next `n` occurrences after `from`, as local date and time in the zone. */
function occurrences(r: Recurrence, zone: string, from: number, n: number): string[] {
  const out: string[] = [];
  for (let t = from, i = 0; i < n; i++) {
    t = nextOccurrence(r, zone, t) as number;
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
    out.push(`${dateIn(zone, t)} ${time}`);
  }
  return out;
}

describe('when a schedule runs', () => {
  it('writes presets as cron expressions', () => {
    expect(cronOf({ every: 'day', at: '07:30' })).toBe('30 7 * * *');
    expect(cronOf({ every: 'week', weekday: 'monday', at: '07:00' })).toBe('0 7 * * 1');
    expect(cronOf({ every: 'week', weekday: 'sunday', at: '18:05' })).toBe('5 18 * * 0');
    expect(cronOf({ every: 'month', day: 'last', at: '06:00' })).toBe('0 6 L * *');
    expect(cronOf({ every: 'month', day: 1, at: '06:00' })).toBe('0 6 1 * *');
  });

  it('keeps 07:00 local across the start of daylight saving in Auckland (UTC+12 to +13)', () => {
    const r: Recurrence = { every: 'day', at: '07:00' };
    const from = Date.UTC(2026, 8, 24, 12);
    expect(occurrences(r, 'Pacific/Auckland', from, 4)).toEqual(['2026-09-25 07:00', '2026-09-26 07:00', '2026-09-27 07:00', '2026-09-28 07:00']);
    expect(new Date(nextOccurrence(r, 'Pacific/Auckland', Date.UTC(2026, 8, 25, 12)) as number).toISOString()).toBe('2026-09-25T19:00:00.000Z');
    expect(new Date(nextOccurrence(r, 'Pacific/Auckland', Date.UTC(2026, 8, 26, 12)) as number).toISOString()).toBe('2026-09-26T18:00:00.000Z');
  });

  it('keeps 07:00 local across the end of daylight saving in Sydney (UTC+11 to +10)', () => {
    const r: Recurrence = { every: 'day', at: '07:00' };
    expect(occurrences(r, 'Australia/Sydney', Date.UTC(2026, 3, 3, 0), 3)).toEqual(['2026-04-04 07:00', '2026-04-05 07:00', '2026-04-06 07:00']);
    // 07:00 AEDT on the 4th, then 07:00 AEST on the 5th.
    expect(new Date(nextOccurrence(r, 'Australia/Sydney', Date.UTC(2026, 3, 3, 12)) as number).toISOString()).toBe('2026-04-03T20:00:00.000Z');
    expect(new Date(nextOccurrence(r, 'Australia/Sydney', Date.UTC(2026, 3, 4, 12)) as number).toISOString()).toBe('2026-04-04T21:00:00.000Z');
  });

  it('runs once, not never, on the day an hour is skipped, and once, not twice, on the day one repeats', () => {
    const r: Recurrence = { every: 'day', at: '02:30' };
    // Auckland skips 02:00–03:00 on 27 September 2026; Sydney repeats 02:00–03:00 on 5 April 2026.
    const skipped = occurrences(r, 'Pacific/Auckland', Date.UTC(2026, 8, 25, 12), 3).map((o) => o.slice(0, 10));
    expect(skipped).toEqual(['2026-09-26', '2026-09-27', '2026-09-28']);
    // On the day itself: at 03:00 NZDT, when the clocks go forward; in Sydney, the first 02:30 (AEDT).
    expect(new Date(nextOccurrence(r, 'Pacific/Auckland', Date.UTC(2026, 8, 26, 12)) as number).toISOString()).toBe('2026-09-26T14:00:00.000Z');
    expect(new Date(nextOccurrence(r, 'Australia/Sydney', Date.UTC(2026, 3, 4, 12)) as number).toISOString()).toBe('2026-04-04T15:30:00.000Z');
    const repeated = occurrences(r, 'Australia/Sydney', Date.UTC(2026, 3, 3, 12), 3).map((o) => o.slice(0, 10));
    expect(repeated).toEqual(['2026-04-04', '2026-04-05', '2026-04-06']);
  });

  it('after a stop, picks only the latest occurrence missed', () => {
    const r: Recurrence = { every: 'day', at: '07:00' };
    const due = latestDue(r, 'Pacific/Auckland', Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 10));
    expect(dateIn('Pacific/Auckland', due as number)).toBe('2026-11-10');
    expect(latestDue(r, 'Pacific/Auckland', Date.UTC(2026, 10, 10), Date.UTC(2026, 10, 10, 1))).toBeNull();
  });

  it('refuses a cron expression it cannot read, naming the field and giving an example', () => {
    expect(() => checkRecurrence({ every: 'cron', cron: 'every monday' }, 'UTC')).toThrow(
      /recurrence\.cron: "every monday" is not a cron expression.*e\.g\. "0 7 \* \* 1"/,
    );
  });
});
