import { checkRows } from '../../core/mapping/checks';
import type { RowProblem } from '../../core/mapping/checks';
import type { Resolved } from '../../core/mapping/kinds/types';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import { suggestTargets } from '../../core/mapping/suggest';
import type { Suggestion } from '../../core/mapping/suggest';
import { xeroLookup } from '../../core/mapping/xero-data';
import type { XeroLookup } from '../../core/mapping/xero-data';
import { parseRows, plannedRows } from './plan-answer';
import type { StoredTarget } from './plan-answer';

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

/** JSON in shared memory, decoded (TextDecoder does not read shared memory: one copy per version). */
const fromShared = <T>(shared: SharedArrayBuffer): T => JSON.parse(new TextDecoder().decode(new Uint8Array(shared).slice())) as T;

function decodedTables(key: string, shared: SharedArrayBuffer) {
  if (!decoded || decoded.key !== key) {
    const tables = fromShared<CheckTask['tables']>(shared);
    const places = new Map<object, number>();
    for (const table of [tables.accounts, tables.taxRates, tables.contacts]) table.forEach((r, i) => places.set(r, i));
    decoded = { key, tables, places };
  }
  return decoded;
}

/** In a worker thread: the checks of a plan against the shared tables, each resolved record answered by its place. */
export function checkInWorker(task: WorkerTask): WorkerResult {
  const { places, tables } = decodedTables(task.tablesKey, task.shared);
  const { shared: _shared, ...rest } = task;
  const result = checkAndSuggest({ ...rest, tables });
  const resolved = result.resolved.map(([row, r]): [number, ResolvedRefs] => {
    const refs: ResolvedRefs = {};
    for (const [field, record] of Object.entries(r) as Array<[keyof Resolved, object | undefined]>) if (record) refs[field] = places.get(record) as number;
    return [row, refs];
  });
  return { ...result, resolved };
}

/** A whole plan for the reviewer: the rows as sent, the Xero tables, and the kind's mappings stored at `version`. */
export type PlanTask = Omit<CheckTask, 'rows'> & {
  rows: readonly unknown[];
  stored: ReadonlyMap<string, StoredTarget>;
  /** Names this reading of the stored mappings (a worker that has it keeps it). */
  storedKey: string;
  version: number;
};

/** The plan's answer as JSON text: the rows read one by one, checked, suggested for, and set against the store. */
export function planText(task: PlanTask): string {
  const { rows, problems: shapeProblems } = parseRows(task.rows);
  const checked = checkAndSuggest({ ...task, rows });
  return JSON.stringify(plannedRows({ stored: task.stored, version: task.version }, task.kind, { rows, shapeProblems, checked }).response);
}

/** What a worker thread is sent for a plan: the tables and the stored mappings in shared memory, by their keys. */
export type PlanWorkerTask = Omit<PlanTask, 'tables' | 'stored'> & { shared: SharedArrayBuffer; storedShared: SharedArrayBuffer };

let storedDecoded: { key: string; stored: ReadonlyMap<string, StoredTarget> } | null = null;

/** In a worker thread: a whole plan, answered as JSON text (the proxy's thread only sends it). */
export function planInWorker(task: PlanWorkerTask): string {
  const { tables } = decodedTables(task.tablesKey, task.shared);
  if (!storedDecoded || storedDecoded.key !== task.storedKey) {
    storedDecoded = { key: task.storedKey, stored: new Map(fromShared<Array<[string, StoredTarget]>>(task.storedShared)) };
  }
  const { shared: _shared, storedShared: _storedShared, ...rest } = task;
  return planText({ ...rest, tables, stored: storedDecoded.stored });
}
