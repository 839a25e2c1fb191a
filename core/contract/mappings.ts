import { z } from 'zod';
import { mappingKinds } from '../mapping/rows';

const mappingKindSchema = z.enum(mappingKinds, { error: `expected one of ${mappingKinds.join(', ')}` });

/** Rows are checked one by one (a bad row never sinks the request), so here they are only counted. */
export const mappingRequestSchema = z.strictObject({
  kind: mappingKindSchema,
  rows: z.array(z.unknown()).max(10_000, 'at most 10,000 rows per request: send the rest in another'),
});

export const applyRequestSchema = z.strictObject({
  kind: mappingKindSchema,
  /** The mapping store's version the plan was made on. */
  planVersion: z.number().int().nonnegative(),
  rows: z.array(z.unknown()).max(10_000, 'at most 10,000 rows per request: send the rest in another'),
  /**
   * A sheet too large for one request is applied in parts that name one run: Undo undoes the run's batches
   * together, and a part with nothing to write answers its rows without making a batch.
   */
  run: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'run must be 8–100 letters, digits, dots, colons, dashes or underscores')
    .optional(),
});

const idempotencyKeySchema = z
  .string({ error: 'send an Idempotency-Key header (a new random value per batch) so that a retry never writes twice' })
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'Idempotency-Key must be 8–100 letters, digits, dots, colons, dashes or underscores');

/** Headers of a write: its idempotency key, and the organisation the workbook is bound to (the pane sends it). */
export const writeHeadersSchema = z.object({
  'idempotency-key': idempotencyKeySchema,
  'x-workbook-organisation': z.string().max(100).optional(),
});

const rowProblemSchema = z.object({ row: z.number().int(), field: z.string(), severity: z.enum(['error', 'warning']), code: z.string(), message: z.string() });
export type RowProblemBody = z.infer<typeof rowProblemSchema>;

const mappingValueSchema = z.object({ target: z.string(), details: z.record(z.string(), z.string()) });

export const planResponseSchema = z.object({
  kind: mappingKindSchema,
  version: z.number().int(),
  totals: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), invalid: z.number().int() }),
  rows: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['create', 'update', 'unchanged', 'invalid']),
      before: mappingValueSchema.nullable(),
      after: mappingValueSchema.nullable(),
      reason: z.string().nullable(),
      problems: z.array(rowProblemSchema),
      suggestion: z.object({ target: z.string().nullable(), label: z.string().nullable(), confidence: z.number().int(), reason: z.string() }),
      /** The name in Xero of the record the target names (account, tax rate or contact), or null when it names none. */
      targetName: z.string().nullable(),
      xeroUpdatedAt: z.string().nullable(),
    }),
  ),
});
export type PlanResponse = z.infer<typeof planResponseSchema>;

export const applyResponseSchema = z.object({
  /** Null only for a part of a run that had nothing to write (no batch was made). */
  batchId: z.string().nullable(),
  kind: mappingKindSchema,
  version: z.number().int(),
  replayed: z.boolean(),
  results: z.array(
    z.object({
      row: z.number().int(),
      result: z.enum(['written', 'unchanged', 'failed', 'conflict', 'skipped', 'reverted']),
      /** The source code (reverts name it: the sheet may have been filled again since the batch). */
      source: z.string().optional(),
      message: z.string(),
    }),
  ),
});
export type ApplyResponse = z.infer<typeof applyResponseSchema>;

export const mappingsQuerySchema = z.strictObject({ kind: mappingKindSchema.optional(), format: z.enum(['json', 'csv']).default('json') });

export const mappingsResponseSchema = z.object({
  mappings: z.array(
    z.object({
      kind: mappingKindSchema,
      source: z.string(),
      target: z.string(),
      details: z.record(z.string(), z.string()),
      version: z.number().int(),
      batchId: z.string(),
      updatedAt: z.string(),
    }),
  ),
});

export const historyResponseSchema = z.object({
  batches: z.array(
    z.object({
      id: z.string(),
      kind: mappingKindSchema,
      who: z.string(),
      at: z.string(),
      changes: z.number().int(),
      reverts: z.string().nullable(),
      revertedBy: z.string().nullable(),
      /** The run a part of a large sheet's apply belongs to; Undo undoes a run's batches together. */
      run: z.string().nullable(),
    }),
  ),
});

export const driftResponseSchema = z.object({
  drift: z.array(z.object({ kind: mappingKindSchema, source: z.string(), target: z.string(), problem: z.string() })),
});
