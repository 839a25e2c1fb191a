import { checkRows } from '../../core/mapping/checks';
import type { RowProblem } from '../../core/mapping/checks';
import type { Resolved } from '../../core/mapping/kinds/types';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import { suggestTargets } from '../../core/mapping/suggest';
import type { Suggestion } from '../../core/mapping/suggest';
import { xeroLookup } from '../../core/mapping/xero-data';
import type { XeroLookup } from '../../core/mapping/xero-data';
import { routes } from '../../core/contract';
import type { Problem } from '../../core/contract';
import { AppError } from '../errors';
import { parse } from '../http/validate';
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

/** A kind's stored mappings as a plan reads them: at a version, named by a key (a reading is never changed). */
export type StoredReading = { key: string; version: number; mappings: ReadonlyMap<string, StoredTarget> };

/** A plan's request as read: its kind and rows, each row read on its own. */
type ReadPlan = { kind: MappingKind; rows: MappingRow[]; shapeProblems: RowProblem[] };

/** Why a plan's body was refused: a 400 that names the field (made into the proxy's error by the route). */
export type PlanRefusal = { refused: { message: string; problems: Problem[] } };

/** The plan route's body as sent (JSON text), read with the route's own schema; then each row on its own. */
export function readPlan(text: string): ReadPlan | PlanRefusal {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { refused: { message: `The request body could not be read: ${(err as Error).message}`, problems: [] } };
  }
  try {
    const body = parse(routes.mappingPlan.body, value, 'body');
    const { rows, problems: shapeProblems } = parseRows(body.rows);
    return { kind: body.kind, rows, shapeProblems };
  } catch (err) {
    if (err instanceof AppError) return { refused: { message: err.message, problems: err.problems ?? [] } };
    throw err;
  }
}

/** A read plan's checks and suggestions against the Xero tables. */
export const checkPlan = (read: ReadPlan, tables: CheckTask['tables'], tablesKey: string): CheckResult =>
  checkAndSuggest({ kind: read.kind, rows: read.rows, tables, tablesKey, suggest: true });

/** The plan's answer as JSON text: each row set against the kind's stored mappings. */
export const answerPlan = (read: ReadPlan, checked: CheckResult, stored: StoredReading): string =>
  JSON.stringify(plannedRows({ stored: stored.mappings, version: stored.version }, read.kind, { ...read, checked }).response);

/** A whole plan for the reviewer: the request's body as sent, the Xero tables, and each kind's stored mappings. */
export type PlanTask = { body: string; tables: CheckTask['tables']; tablesKey: string; stored: Record<MappingKind, StoredReading> };

/** A plan's answer (JSON text), or why its body was refused. */
export type PlanOutcome = { answer: string } | PlanRefusal;

/** A whole plan at once: read, checked, suggested for, and set against the store. */
export function planText(task: PlanTask): PlanOutcome {
  const read = readPlan(task.body);
  if ('refused' in read) return read;
  return { answer: answerPlan(read, checkPlan(read, task.tables, task.tablesKey), task.stored[read.kind]) };
}

/** The stored mappings of each kind, as a worker thread is sent them: JSON in shared memory, by their keys. */
type SharedReading = { key: string; version: number; shared: SharedArrayBuffer };

/** What a worker thread is sent for a plan: the body as sent, and the tables and stored mappings in shared memory. */
export type PlanWorkerTask = { body: string; tablesKey: string; shared: SharedArrayBuffer; stored: Record<MappingKind, SharedReading> };

/** Stored mappings decoded in this thread, by key (a few organisations and kinds at once; the oldest goes first). */
const readings = new Map<string, StoredReading>();

function decodedReading({ key, version, shared }: SharedReading): StoredReading {
  let reading = readings.get(key);
  if (!reading) {
    reading = { key, version, mappings: new Map(fromShared<Array<[string, StoredTarget]>>(shared)) };
    if (readings.size >= 16) readings.delete(readings.keys().next().value as string);
    readings.set(key, reading);
  }
  return reading;
}

/** In a worker thread: a whole plan, from the body as sent to the answer's JSON (the proxy's thread only sends it). */
export function planInWorker(task: PlanWorkerTask): PlanOutcome {
  const { tables } = decodedTables(task.tablesKey, task.shared);
  const read = readPlan(task.body);
  if ('refused' in read) return read;
  return { answer: answerPlan(read, checkPlan(read, tables, task.tablesKey), decodedReading(task.stored[read.kind])) };
}
