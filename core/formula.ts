/**
 * The formula-injection rule, once, for sheets and CSV files alike: Excel reads text starting with
 * `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula or a signed number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text from outside as it must be written where Excel would evaluate it: an apostrophe first when it looks like a formula. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The same rule for a CSV field, at the start of every line in it: some readers split a file on line breaks
 * whatever the quoting, so text after a line break must not start a formula either.
 */
export function inertCsvText(text: string): string {
  // Lines at even places, the line breaks between them at odd places.
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 0 ? inertText(part) : part))
    .join('');
}
