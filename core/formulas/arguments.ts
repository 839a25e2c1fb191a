import { isoDateSchema } from '../dates';
import type { IsoDate } from '../dates';
import { resolveDate, scheduleDateSchema } from '../schedules/relative-dates';
import { isoDateOfExcelSerial } from '../sheets/cells';

type Argument = string | number | boolean | null;

/** Why a cell shows an error: `notAvailable` is #N/A, `invalidValue` is #VALUE!. */
export class FormulaFault extends Error {
  constructor(
    readonly error: 'notAvailable' | 'invalidValue',
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new FormulaFault('invalidValue', message);
export const notFound = (message: string) => new FormulaFault('notAvailable', message);

/** Nothing given: an omitted argument, an empty cell or empty text. */
export const blank = (v: Argument | undefined): v is null | undefined | '' => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A required argument as text (a number in a cell, such as an account code 200, counts as its digits). */
export function textArg(v: Argument | undefined, name: string): string {
  if (blank(v)) throw invalid(`${name} is missing`);
  if (typeof v === 'boolean') throw invalid(`${name} must be text, not ${v ? 'TRUE' : 'FALSE'}`);
  return String(v).trim();
}

/** One of a list of words, any case; `fallback` when nothing is given. */
export function choiceArg<T extends string>(v: Argument | undefined, name: string, choices: readonly T[], fallback: T): T {
  if (blank(v)) return fallback;
  const text = String(v).trim().toLowerCase();
  const found = choices.find((c) => c.toLowerCase() === text);
  if (!found) throw invalid(`${name} must be one of ${choices.join(', ')}, not "${String(v)}"`);
  return found;
}

/** A whole number from `min` to `max`; `fallback` when nothing is given. */
export function wholeArg(v: Argument | undefined, name: string, min: number, max: number, fallback: number): number {
  if (blank(v)) return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`${name} must be a whole number from ${min} to ${max}, not "${String(v)}"`);
  return n;
}

/**
 * A date: a date cell (Excel hands it over as a serial number), text as yyyy-mm-dd, or a date relative to the
 * organisation's today (today, yesterday, end-of-last-month, …); `today` when nothing is given.
 */
export function dateArg(v: Argument | undefined, name: string, today: IsoDate): IsoDate {
  if (blank(v)) return today;
  let date: IsoDate | null = null;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 61 && v <= 73_415) date = isoDateOfExcelSerial(v) as IsoDate;
  else if (typeof v === 'string') {
    const text = v.trim().toLowerCase();
    const parsed = scheduleDateSchema.safeParse(text);
    if (parsed.success) date = resolveDate(parsed.data, today);
  }
  if (!date || !isoDateSchema.safeParse(date).success || date < '1900-03-01' || date > '2100-12-31') {
    throw invalid(`${name} must be a date (a date cell, yyyy-mm-dd, today or end-of-last-month), not "${String(v)}"`);
  }
  return date;
}
