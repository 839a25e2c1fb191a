/**
 * The formula-injection rule, once, for sheets and CSV files alike: Excel reads text starting with
 * `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula or a signed number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text from outside as it must be written where Excel would evaluate it: an apostrophe first when it looks like a formula. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
