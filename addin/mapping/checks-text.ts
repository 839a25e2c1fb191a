import type { PlanResponse } from '../../core/contract';

type PlannedRow = PlanResponse['rows'][number];

/** The Check cell of a row: OK, or each problem with its severity, errors first (the cell's colour follows its start). */
export function checkText(problems: PlannedRow['problems']): string {
  if (problems.length === 0) return 'OK';
  const worstFirst = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return worstFirst.map((p) => `${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message.replace(/^Row \d+, /, '')}`).join(' | ');
}

/** The Result cell of a previewed row: what applying it would do. */
export function planText(r: PlannedRow): string {
  if (r.action === 'invalid') return `will not be written: ${r.reason ?? 'see Check'}`;
  if (r.action === 'unchanged') return 'unchanged';
  if (r.action === 'create') return `will map to ${r.after?.target}`;
  return `will change ${r.before?.target} → ${r.after?.target}`;
}

/** The sheet's status after an apply or an undo: Written, Reverted or Failed where that is what happened, else as it was. */
export function statusAfterApply(result: string | undefined, previous: unknown): string {
  if (result === 'written' || result === 'unchanged') return 'Written';
  if (result === 'failed' || result === 'conflict') return 'Failed';
  if (result === 'reverted') return 'Reverted';
  return String(previous || 'Draft');
}
