import { z } from 'zod';

/**
 * Money is held as a whole number of cents (minor units) in the named type `Cents`.
 * Decimal amounts from Xero are converted once, at the edge, with `centsFromDecimal`.
 */
export const centsSchema = z.number().int().refine(Number.isSafeInteger, { message: 'amount out of range' }).brand<'Cents'>();

export type Cents = z.infer<typeof centsSchema>;

export const ZERO = 0 as Cents;

/** Adopt a whole number of cents (already minor units) as `Cents`. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`not a whole number of cents: ${value}`);
  }
  return value as Cents;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/**
 * Converts a decimal amount (a number as Xero sends it, or its text) to cents,
 * exactly: the digits of the shortest decimal form are shifted, never multiplied
 * as a float. Digits past the cent round half away from zero.
 */
export function centsFromDecimal(value: number | string): Cents {
  const text = typeof value === 'number' ? numberToText(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, wholeText = '0', fraction = '', exponentText] = match;
  const exponent = exponentText ? Number(exponentText) : 0;
  const whole = wholeText.replace(/^0+/, '');
  const digits = whole + fraction;
  // Index in `digits` just after the cents digit.
  const point = whole.length + exponent + 2;
  let units: bigint;
  let roundUp = false;
  if (point <= 0) {
    units = 0n;
    roundUp = point === 0 && Number(digits[0] ?? '0') >= 5;
  } else if (point >= digits.length) {
    units = BigInt(digits + '0'.repeat(point - digits.length));
  } else {
    units = BigInt(digits.slice(0, point));
    roundUp = Number(digits[point]) >= 5;
  }
  if (roundUp) units += 1n;
  const signed = sign === '-' ? -units : units;
  const result = Number(signed);
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount out of range: ${text}`);
  return (result === 0 ? 0 : result) as Cents;
}

function numberToText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  return String(value);
}

/** The decimal text of an amount, e.g. `-1234.50`, for CSV and for Xero. */
export function formatCents(value: Cents): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const whole = Math.trunc(abs / 100);
  const part = abs % 100;
  return `${negative ? '-' : ''}${whole}.${part.toString().padStart(2, '0')}`;
}

/** The decimal number of an amount, for the Excel and Xero edges only. */
export function centsToDecimal(value: Cents): number {
  return Number(formatCents(value));
}

export function addCents(...values: Cents[]): Cents {
  let total = 0;
  for (const v of values) total += v;
  return cents(total);
}

export function negateCents(a: Cents): Cents {
  return cents(a === 0 ? 0 : -a);
}

/**
 * Divides an amount by a currency rate (units of document currency per one unit
 * of base currency, as Xero's CurrencyRate) and rounds half away from zero to the cent.
 * The rate is taken as its decimal text so that the division is exact before rounding.
 */
export function convertAtRate(amount: Cents, rate: number): Cents {
  if (rate === 1) return amount;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`not a currency rate: ${rate}`);
  // Fast path: the float quotient rounds correctly unless the exact quotient lies within a hair of a
  // half cent; only then is the exact decimal division needed.
  const q = Math.abs(amount) / rate;
  const fraction = q - Math.floor(q);
  if (Math.abs(fraction - 0.5) > 1e-6 && q < 2 ** 50) {
    const rounded = Math.floor(q) + (fraction > 0.5 ? 1 : 0);
    return cents(amount < 0 && rounded !== 0 ? -rounded : rounded);
  }
  return exactConvert(amount, rate);
}

function exactConvert(amount: Cents, rate: number): Cents {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(rate));
  if (!match) throw new RangeError(`not a currency rate: ${rate}`);
  const [, whole = '0', fraction = '', exponentText] = match;
  const scale = fraction.length - (exponentText ? Number(exponentText) : 0);
  let numerator = BigInt(Math.abs(amount));
  let denominator = BigInt(whole + fraction);
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator *= 10n ** BigInt(-scale);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const rounded = remainder * 2n >= denominator ? quotient + 1n : quotient;
  const result = Number(rounded);
  return cents(amount < 0 && result !== 0 ? -result : result);
}
