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

/** What a worker thread is sent: the Xero tables as JSON in shared memory (decoded once per version), not copied per plan. */
export type WorkerTask = Omit<CheckTask, 'tables'> & { shared: SharedArrayBuffer };
/** A resolved record as its place in the tables sent (the main thread has the same arrays). */
export type ResolvedRefs = { [K in keyof Resolved]?: number };
export type WorkerResult = Omit<CheckResult, 'resolved'> & { resolved: Array<[number, ResolvedRefs]> };

let decoded: { key: string; tables: CheckTask['tables']; places: Map<object, number> } | null = null;

/** In a worker thread: the checks of a plan against the shared tables, each resolved record answered by its place. */
export function checkInWorker(task: WorkerTask): WorkerResult {
  if (!decoded || decoded.key !== task.tablesKey) {
    // TextDecoder does not read shared memory: one copy per version of the tables.
    const tables = JSON.parse(new TextDecoder().decode(new Uint8Array(task.shared).slice())) as CheckTask['tables'];
    const places = new Map<object, number>();
    for (const table of [tables.accounts, tables.taxRates, tables.contacts]) table.forEach((r, i) => places.set(r, i));
    decoded = { key: task.tablesKey, tables, places };
  }
  const places = decoded.places;
  const { shared: _shared, ...rest } = task;
  const result = checkAndSuggest({ ...rest, tables: decoded.tables });
  const resolved = result.resolved.map(([row, r]): [number, ResolvedRefs] => {
    const refs: ResolvedRefs = {};
    for (const [field, record] of Object.entries(r) as Array<[keyof Resolved, object | undefined]>) if (record) refs[field] = places.get(record) as number;
    return [row, refs];
  });
  return { ...result, resolved };
}
