import { z } from 'zod';
import { addDays, addMonths, isoDateSchema } from '../dates';
import type { IsoDate } from '../dates';

/**
 * A schedule's report date: a calendar date, or one relative to the day the report runs (in the organisation's
 * timezone), resolved afresh for each run.
 */
const RELATIVE_DATES = [
  'today',
  'yesterday',
  'start-of-last-month',
  'end-of-last-month',
  'start-of-last-quarter',
  'end-of-last-quarter',
  'start-of-last-year',
  'end-of-last-year',
] as const;
type RelativeDate = (typeof RELATIVE_DATES)[number];

export type ScheduleDate = RelativeDate | IsoDate;

export const scheduleDateSchema = z
  .string()
  .refine((v) => (RELATIVE_DATES as readonly string[]).includes(v) || isoDateSchema.safeParse(v).success, {
    error: `expected a date as yyyy-mm-dd, or one of ${RELATIVE_DATES.join(', ')}`,
  })
  .transform((v) => v as ScheduleDate);

/** The date `when` stands for on `today`. */
export function resolveDate(when: ScheduleDate, today: IsoDate): IsoDate {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const firstOfMonth = (year: number, month: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01` as IsoDate;
  switch (when) {
    case 'today':
      return today;
    case 'yesterday':
      return addDays(today, -1);
    case 'start-of-last-month':
      return addMonths(firstOfMonth(y, m), -1);
    case 'end-of-last-month':
      return addDays(firstOfMonth(y, m), -1);
    case 'start-of-last-quarter':
      return addMonths(firstOfMonth(y, m - ((m - 1) % 3)), -3);
    case 'end-of-last-quarter':
      return addDays(firstOfMonth(y, m - ((m - 1) % 3)), -1);
    case 'start-of-last-year':
      return firstOfMonth(y - 1, 1);
    case 'end-of-last-year':
      return addDays(firstOfMonth(y, 1), -1);
    default:
      return when as IsoDate;
  }
}

/** The calendar date at `instant` in an IANA timezone (the organisation's), as `yyyy-mm-dd`. */
export function dateIn(timezone: string, instant: number): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}` as IsoDate;
}
