import { z } from 'zod';

/** A calendar date as `yyyy-mm-dd`. All date arithmetic is done in UTC. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-mm-dd')
  .refine(isRealDate, 'not a calendar date')
  .brand<'IsoDate'>();

export type IsoDate = z.infer<typeof isoDateSchema>;

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses `yyyy-mm-dd`, throwing a RangeError that quotes the text when it is not a calendar date. */
export function isoDate(text: string): IsoDate {
  const parsed = isoDateSchema.safeParse(text);
  if (!parsed.success) throw new RangeError(`not a date (yyyy-mm-dd): ${JSON.stringify(text)}`);
  return parsed.data;
}

/** The UTC calendar date of an instant (xero-node hands dates over as Dates at midnight UTC). */
export function isoDateFromUtc(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('not a date: Invalid Date');
  const y = instant.getUTCFullYear();
  const m = instant.getUTCMonth() + 1;
  const d = instant.getUTCDate();
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}` as IsoDate;
}

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

function toUtc(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = toUtc(date);
  t.setUTCDate(t.getUTCDate() + days);
  return isoDateFromUtc(t);
}

/** Adds calendar months keeping the day of month, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}` as IsoDate;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** Today's date in UTC for a given clock reading. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return isoDateFromUtc(now);
}
