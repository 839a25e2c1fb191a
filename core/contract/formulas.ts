import { z } from 'zod';
import { centsSchema } from '../money';

/** The worksheet functions in Excel's XERO namespace (`=XERO.BALANCE(…)`), by the name the route takes. */
export const formulaNames = ['BALANCE', 'AGEING', 'OUTSTANDING', 'ACCOUNT', 'TAXRATE', 'CONTACT', 'MAPPING'] as const;
export type FormulaName = (typeof formulaNames)[number];

/** The most calls one request carries: 10,000 cells are five requests. */
export const FORMULA_BATCH = 2_000;

/** A cell's argument as Excel hands it over: text, a number (dates are serial numbers), true/false, or nothing. */
const argumentSchema = z.union([z.string().max(1_000, 'at most 1,000 characters'), z.number(), z.boolean(), z.null()]);

const formulaCallSchema = z.object({
  name: z.enum(formulaNames, { error: `expected one of ${formulaNames.join(', ')}` }),
  args: z.array(argumentSchema).max(8, 'at most 8 arguments'),
});
export type FormulaCall = z.infer<typeof formulaCallSchema>;

export const formulasRequestSchema = z.strictObject({
  calls: z
    .array(formulaCallSchema)
    .min(1, 'at least one call')
    .max(FORMULA_BATCH, `at most ${FORMULA_BATCH.toLocaleString('en')} calls a request`),
});

/**
 * One cell's answer: an amount in cents (shown in currency units), a number or text, or the Excel error it
 * shows with its message: `notAvailable` is #N/A (nothing of that name or number), `invalidValue` is #VALUE!
 * (an argument the function cannot take).
 */
const formulaResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('money'), cents: centsSchema }),
  z.object({ kind: z.literal('number'), value: z.number() }),
  z.object({ kind: z.literal('text'), value: z.string() }),
  z.object({ kind: z.literal('error'), error: z.enum(['notAvailable', 'invalidValue']), message: z.string() }),
]);
export type FormulaResult = z.infer<typeof formulaResultSchema>;

export const formulasResponseSchema = z.object({
  /** One answer per call, in the order of the calls. */
  results: z.array(formulaResultSchema),
  /** When the oldest table the answers read was fetched from the organisation (ISO-8601 UTC). */
  fetchedAt: z.string(),
});

export const formulasRefreshResponseSchema = z.object({ fetchedAt: z.string() });
