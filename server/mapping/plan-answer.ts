import type { PlanResponse, RowProblemBody } from '../../core/contract';
import type { RowProblem } from '../../core/mapping/checks';
import { mappingKindDefinitions } from '../../core/mapping/kinds';
import type { MappingValue, Resolved } from '../../core/mapping/kinds/types';
import { cellText, mappingRowSchema } from '../../core/mapping/rows';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import type { Suggestion } from '../../core/mapping/suggest';
import type { CheckResult } from './check-worker';

/**
 * A plan's answer from its rows, their checks and the mappings stored: pure, so that it is built the same in a
 * worker thread (checks-pool.ts) as in-process.
 */

export type Planned = {
  row: number;
  raw: MappingRow | null;
  action: 'create' | 'update' | 'unchanged' | 'invalid';
  before: MappingValue | null;
  after: MappingValue | null;
  sourceCode: string;
  problems: RowProblem[];
  resolved: Resolved;
  xeroUpdatedAt: string | null;
  storedVersion: number | null;
};

/** What a plan needs of a stored mapping, by its source code in lower case. */
export type StoredTarget = { target: string; details: Record<string, string>; version: number };

/** Parses each row on its own: a malformed row becomes that row's problem, never the request's. */
export function parseRows(raw: readonly unknown[]): { rows: MappingRow[]; problems: RowProblem[] } {
  const rows: MappingRow[] = [];
  const problems: RowProblem[] = [];
  const seenRows = new Set<number>();
  raw.forEach((value, i) => {
    const rowNumber = value && typeof value === 'object' && typeof (value as { row?: unknown }).row === 'number' ? (value as { row: number }).row : i + 2;
    const parsed = mappingRowSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || 'row';
      problems.push({
        row: rowNumber,
        field,
        severity: 'error',
        code: 'malformed',
        message: `Row ${rowNumber}, ${field}: ${issue?.message ?? 'not a mapping row'}; fix the cell and try again`,
      });
      return;
    }
    if (seenRows.has(parsed.data.row)) {
      problems.push({
        row: parsed.data.row,
        field: 'row',
        severity: 'warning',
        code: 'duplicate-row-number',
        message: `Row ${parsed.data.row}: sent twice in one request; the second copy was ignored`,
      });
      return;
    }
    seenRows.add(parsed.data.row);
    rows.push(parsed.data);
  });
  return { rows, problems };
}

const same = (a: MappingValue | null, b: MappingValue | null) => JSON.stringify(a) === JSON.stringify(b);

function invalidRow(row: number, problems: RowProblem[]): Planned {
  return { row, raw: null, action: 'invalid', before: null, after: null, sourceCode: '', problems, resolved: {}, xeroUpdatedAt: null, storedVersion: null };
}

/** Why a row will not be written, or is unchanged; null where it will be written. */
function reasonOf(action: Planned['action'], problems: readonly RowProblem[]): string | null {
  if (action === 'invalid') return problems.find((x) => x.severity === 'error')?.message ?? 'the target was not found in Xero';
  return action === 'unchanged' ? 'already mapped like this' : null;
}

/** The plan's answer: totals, and per row the change, its problems and a suggestion. */
function planResponse(kind: MappingKind, version: number, planned: readonly Planned[], suggestions: Map<number, Suggestion>): PlanResponse {
  const count = (action: Planned['action']) => planned.filter((p) => p.action === action).length;
  return {
    kind,
    version,
    totals: { create: count('create'), update: count('update'), unchanged: count('unchanged'), invalid: count('invalid') },
    rows: planned.map(({ row, action, before, after, problems, xeroUpdatedAt, resolved }) => {
      const s = suggestions.get(row);
      const suggestion = s
        ? { target: s.target, label: s.label, confidence: s.confidence, reason: s.reason }
        : { target: null, label: null, confidence: 0, reason: 'row could not be read' };
      // What the target is in Xero, for the sheet to show beside it: the contact, tax rate or account it names.
      const targetName = resolved.contact?.name ?? resolved.taxRate?.name ?? resolved.account?.name ?? null;
      return { row, action, before, after, reason: reasonOf(action, problems), problems: problems as RowProblemBody[], suggestion, targetName, xeroUpdatedAt };
    }),
  };
}

export type Checked = { rows: MappingRow[]; shapeProblems: RowProblem[]; checked: CheckResult };

/** Each row's change against the store, from its checks: the plan's answer and what applying needs. */
export function plannedRows(
  store: { stored: ReadonlyMap<string, StoredTarget>; version: number },
  kind: MappingKind,
  { rows, shapeProblems, checked }: Checked,
) {
  const problems = checked.problems;
  const resolved = new Map(checked.resolved);
  const suggestions = new Map(checked.suggestions.map((s) => [s.row, s]));
  const stored = store.stored;
  const byRow = new Map<number, RowProblem[]>();
  for (const p of [...shapeProblems, ...problems]) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);

  const planned: Planned[] = [];
  const validRows = new Set(rows.map((r) => r.row));
  for (const p of shapeProblems) {
    if (!validRows.has(p.row) && !planned.some((x) => x.row === p.row)) planned.push(invalidRow(p.row, byRow.get(p.row) ?? []));
  }
  for (const row of rows) {
    const sourceCode = cellText(row.source).trim();
    const rowProblems = byRow.get(row.row) ?? [];
    const r = resolved.get(row.row) ?? {};
    const existing = stored.get(sourceCode.toLowerCase()) ?? null;
    const before = existing ? { target: existing.target, details: existing.details } : null;
    const after = mappingKindDefinitions[kind].value(row, r);
    const invalid = rowProblems.some((p) => p.severity === 'error') || !after;
    const action = invalid ? 'invalid' : !before ? 'create' : same(before, after) ? 'unchanged' : 'update';
    const xeroRecord = r.contact ?? r.account ?? null;
    planned.push({
      row: row.row,
      raw: row,
      action,
      before,
      after: invalid ? null : after,
      sourceCode,
      problems: rowProblems,
      resolved: r,
      xeroUpdatedAt: xeroRecord?.updatedAt ?? null,
      storedVersion: existing?.version ?? null,
    });
  }
  planned.sort((a, b) => a.row - b.row);
  return { response: planResponse(kind, store.version, planned, suggestions), planned };
}
