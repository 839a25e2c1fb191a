import { checkRows } from '../../core/mapping/checks';
import type { RowProblem } from '../../core/mapping/checks';
import type { Resolved } from '../../core/mapping/kinds/types';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import { suggestTargets } from '../../core/mapping/suggest';
import type { Suggestion } from '../../core/mapping/suggest';
import { xeroLookup } from '../../core/mapping/xero-data';
import type { XeroLookup } from '../../core/mapping/xero-data';

/**
 * The CPU-heavy half of a plan: every row's checks and suggestions against the Xero tables. Pure, so it runs the
 * same in a worker thread (the pool in checks-pool.ts, from its own bundle, dist/check-worker.cjs) as in-process.
 */
export type CheckTask = {
  kind: MappingKind;
  rows: MappingRow[];
  /** Which version of the Xero tables these are: a worker that has them keeps its lookup (and its suggestion index). */
  tablesKey: string;
  tables: Parameters<typeof xeroLookup>[0];
  suggest: boolean;
};

export type CheckResult = {
  problems: RowProblem[];
  resolved: Array<[number, Resolved]>;
  suggestions: Suggestion[];
};

let kept: { key: string; lookup: XeroLookup } | null = null;

export function checkAndSuggest(task: CheckTask): CheckResult {
  if (!kept || kept.key !== task.tablesKey) kept = { key: task.tablesKey, lookup: xeroLookup(task.tables) };
  const { problems, resolved } = checkRows(task.kind, task.rows, kept.lookup);
  const suggestions = task.suggest ? suggestTargets(task.kind, task.rows, kept.lookup) : [];
  return { problems, resolved: [...resolved.entries()], suggestions };
}
