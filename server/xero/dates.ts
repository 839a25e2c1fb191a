import { isoDate, isoDateFromUtc } from '../../core/dates';
import type { IsoDate } from '../../core/dates';

/** Xero's own date form in raw bodies: `/Date(1518685950940+0000)/` (milliseconds since 1970, an offset that changes nothing). */
export const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** An instant as Xero gives it: a Date (xero-node), `/Date(ms)/`, or ISO text (read as UTC when it names no zone); null if none. */
export function xeroInstant(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || value === '') return null;
  const ms = MS_DATE.exec(value);
  const date = ms ? new Date(Number(ms[1])) : new Date(/Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date as Xero gives it: a Date at midnight UTC (xero-node), `/Date(ms)/`, or text starting yyyy-mm-dd. */
export function xeroDate(value: unknown): IsoDate {
  if (value instanceof Date) return isoDateFromUtc(value);
  if (typeof value === 'string') {
    const ms = MS_DATE.exec(value);
    return ms ? isoDateFromUtc(new Date(Number(ms[1]))) : isoDate(value.slice(0, 10));
  }
  throw new RangeError(`not a date: ${String(value)}`);
}
