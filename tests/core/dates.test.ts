import { addDays, addMonths, daysBetween, isoDate, isoDateFromUtc, isoDateSchema } from '../../core/dates';

describe('dates are yyyy-mm-dd strings computed in UTC', () => {
  it('adds calendar months keeping the day, clamped to the month end', () => {
    expect(addMonths(isoDate('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(isoDate('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(isoDate('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addMonths(isoDate('2026-12-15'), 1)).toBe('2027-01-15');
    expect(addMonths(isoDate('2026-01-15'), -13)).toBe('2024-12-15');
  });

  it('adds days across month and year ends', () => {
    expect(addDays(isoDate('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(isoDate('2028-03-01'), -1)).toBe('2028-02-29');
    expect(daysBetween(isoDate('2026-01-01'), isoDate('2027-01-01'))).toBe(365);
  });

  it('reads an instant with UTC getters, whatever the machine time zone', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: local time is already the next day
    try {
      expect(isoDateFromUtc(new Date(Date.UTC(2026, 5, 30, 23, 0)))).toBe('2026-06-30');
    } finally {
      process.env.TZ = previous;
    }
  });

  it('refuses text that is not a calendar date', () => {
    expect(isoDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(isoDateSchema.safeParse('2026-2-3').success).toBe(false);
    expect(() => isoDate('31/01/2026')).toThrow(/yyyy-mm-dd/);
  });
});
