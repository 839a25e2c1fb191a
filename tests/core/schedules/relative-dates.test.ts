import { isoDate } from '../../../core/dates';
import { dateIn, resolveDate, scheduleDateSchema } from '../../../core/schedules/relative-dates';

describe("a schedule's report dates", () => {
  it.each([
    ['today', '2026-11-28', '2026-11-28'],
    ['yesterday', '2026-03-01', '2026-02-28'],
    ['yesterday', '2024-03-01', '2024-02-29'],
    ['start-of-last-month', '2026-01-15', '2025-12-01'],
    ['start-of-last-month', '2026-03-31', '2026-02-01'],
    ['start-of-last-quarter', '2026-11-28', '2026-07-01'],
    ['start-of-last-quarter', '2026-02-10', '2025-10-01'],
    ['start-of-last-year', '2026-06-30', '2025-01-01'],
    ['end-of-last-month', '2026-01-15', '2025-12-31'],
    ['end-of-last-month', '2026-03-31', '2026-02-28'],
    ['end-of-last-quarter', '2026-11-28', '2026-09-30'],
    ['end-of-last-quarter', '2026-10-01', '2026-09-30'],
    ['end-of-last-quarter', '2026-02-10', '2025-12-31'],
    ['end-of-last-quarter', '2026-06-30', '2026-03-31'],
    ['end-of-last-year', '2026-01-01', '2025-12-31'],
    ['2026-06-30', '2026-11-28', '2026-06-30'],
  ] as const)('%s, run on %s, is %s', (when, today, expected) => {
    expect(resolveDate(scheduleDateSchema.parse(when), isoDate(today))).toBe(expected);
  });

  it('refuses anything else, naming what it takes', () => {
    const parsed = scheduleDateSchema.safeParse('last tuesday');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/yyyy-mm-dd, or one of today, yesterday, start-of-last-month, end-of-last-month/);
  });

  it("takes the day in the organisation's timezone, not the proxy's", () => {
    // 2026-11-28 20:30 UTC is already Sunday the 29th in Auckland, still the 28th in London.
    const instant = Date.UTC(2026, 10, 28, 20, 30);
    expect(dateIn('Pacific/Auckland', instant)).toBe('2026-11-29');
    expect(dateIn('Europe/London', instant)).toBe('2026-11-28');
    expect(dateIn('America/Los_Angeles', Date.UTC(2026, 10, 29, 5, 0))).toBe('2026-11-28');
  });
});
