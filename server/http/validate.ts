import type { z } from 'zod';
import type { Problem } from '../../core/contract';
import { badRequest } from '../errors';

/** Formats zod issues as problems that name the field (and row, for arrays of rows). */
function problemsOf(error: z.ZodError, where: string): Problem[] {
  return error.issues.slice(0, 50).map((issue) => {
    const rowIndex = issue.path.findIndex((p) => typeof p === 'number');
    const row = rowIndex >= 0 ? (issue.path[rowIndex] as number) + 1 : null;
    const field =
      issue.path
        .filter((p) => typeof p !== 'number')
        .map(String)
        .join('.') || null;
    return { row, field, message: `${where}${field ? ` ${field}` : ''}: ${issue.message}` };
  });
}

/** Parses a request part with its contract schema; a failure is a 400 that names each field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = problemsOf(result.error, where);
    throw badRequest(problems[0]?.message ?? `invalid ${where}`, problems);
  }
  return result.data;
}
