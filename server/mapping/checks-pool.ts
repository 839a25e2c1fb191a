import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { ROOT } from '../paths';
import { answerPlan, checkAndSuggest, checkPlan, readPlan } from './check-worker';
import type { CheckResult, CheckTask, PlanOutcome, PlanTask, PlanWorkerTask, ResolvedRefs, WorkerResult, WorkerTask } from './check-worker';
import type { StoredTarget } from './plan-answer';
import type { Resolved } from '../../core/mapping/kinds/types';
import { inTurn } from '../turns';

/**
 * Plans' checks and suggestions off the event loop: a pool of worker threads (piscina) running the worker's own
 * bundle. Where there are no threads (PLAN_THREADS=0) or the bundle is not built (a test run straight from the
 * TypeScript), the same functions run in-process, a plan's parts each in its own turn of the loop.
 */
const CHECK_WORKER = path.join(ROOT, 'dist', 'check-worker.cjs');

let pool: Piscina | null | undefined;
/**
 * By default one thread per core but one, and at least 2, at most 4. On a 2-core machine the two threads share the
 * cores with the proxy's own thread, which then only reads requests and sends answers (measured with npm run bench:
 * about twice the plans a second of checking in-process, and reports beside plans as fast).
 */
let threads = Math.min(4, Math.max(2, os.availableParallelism() - 1));

/** How many worker threads to use (PLAN_THREADS; 0 runs the checks in-process), before the first plan. */
export function setCheckThreads(count: number | null): void {
  if (count !== null) threads = count;
}

function thePool(): Piscina | null {
  if (pool === undefined) {
    pool =
      threads > 0 && fs.existsSync(CHECK_WORKER)
        ? new Piscina({
            filename: CHECK_WORKER,
            // Started with the first plan (not with the proxy: a start is quicker and smaller without them), then kept,
            // their compiled code with them.
            minThreads: threads,
            maxThreads: threads,
            // First come, first served: by default a task that finds every thread busy goes back to the queue's tail,
            // and under a steady load a few plans wait for seconds while later ones pass them.
            stricterFIFO: true,
            // A large young generation (192 MB, a 64 MB semi-space): a plan's short-lived garbage is collected in
            // few scavenges.
            resourceLimits: { maxYoungGenerationSizeMb: 192 },
          })
        : null;
  }
  return pool;
}

const tableIds = new WeakMap<object, number>();
let nextId = 0;

/** A key naming these very arrays of accounts, tax rates and contacts (their identity changes when Xero's records do). */
export function tablesKey(tables: CheckTask['tables']): string {
  return [tables.accounts, tables.taxRates, tables.contacts]
    .map((t) => {
      let id = tableIds.get(t);
      if (id === undefined) {
        id = ++nextId;
        tableIds.set(t, id);
      }
      return id;
    })
    .join(':');
}

/** JSON in shared memory by key: made once per version of what it holds and read by every worker without a copy. */
function sharedJson(cache: Map<string, SharedArrayBuffer>, limit: number, key: string, value: () => unknown): SharedArrayBuffer {
  let buffer = cache.get(key);
  if (buffer) {
    // Used last, dropped last.
    cache.delete(key);
  } else {
    const bytes = Buffer.from(JSON.stringify(value()));
    buffer = new SharedArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
    // A few organisations' versions at once; the one used least recently goes.
    if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, buffer);
  return buffer;
}

/** The Xero tables, by their key (8 versions). */
const sharedTableJson = new Map<string, SharedArrayBuffer>();
/** Readings of stored mappings, by their key (32: a few organisations' four kinds each). */
const sharedStoredJson = new Map<string, SharedArrayBuffer>();

const TABLE_OF: Record<keyof Resolved, keyof CheckTask['tables']> = {
  account: 'accounts',
  salesAccount: 'accounts',
  taxRate: 'taxRates',
  taxType: 'taxRates',
  contact: 'contacts',
};

/** A worker's references back to this thread's own records. */
function fromRefs(refs: ResolvedRefs, tables: CheckTask['tables']): Resolved {
  const out: Record<string, unknown> = {};
  for (const [field, place] of Object.entries(refs) as Array<[keyof Resolved, number]>) out[field] = tables[TABLE_OF[field]][place];
  return out as Resolved;
}

export async function runChecks(task: CheckTask): Promise<CheckResult> {
  const p = thePool();
  if (!p) return inTurn(() => checkAndSuggest(task));
  const { tables, ...rest } = task;
  const answer = (await p.run({ ...rest, shared: sharedJson(sharedTableJson, 8, task.tablesKey, () => tables) } satisfies WorkerTask, {
    name: 'checkInWorker',
  })) as WorkerResult;
  return { ...answer, resolved: answer.resolved.map(([row, refs]) => [row, fromRefs(refs, tables)]) };
}

/**
 * A whole plan for the reviewer, from the request's body as sent to the answer's JSON: in a worker thread where
 * there are threads, so that this thread neither reads the rows nor writes the answer; else in-process, reading the
 * body, checking the rows and putting the answer together each in its own turn of the event loop.
 */
export async function runPlan(task: PlanTask): Promise<PlanOutcome> {
  const p = thePool();
  if (!p) {
    const read = await inTurn(() => readPlan(task.body));
    if ('refused' in read) return read;
    const checked = await inTurn(() => checkPlan(read, task.tables, task.tablesKey));
    return { answer: await inTurn(() => answerPlan(read, checked, task.stored[read.kind])) };
  }
  const stored = Object.fromEntries(
    Object.entries(task.stored).map(([kind, reading]) => {
      const shared = sharedJson(sharedStoredJson, 32, reading.key, () =>
        [...reading.mappings].map(([code, m]): [string, StoredTarget] => [code, { target: m.target, details: m.details, version: m.version }]),
      );
      return [kind, { key: reading.key, version: reading.version, shared }];
    }),
  ) as PlanWorkerTask['stored'];
  const shared = sharedJson(sharedTableJson, 8, task.tablesKey, () => task.tables);
  return (await p.run({ body: task.body, tablesKey: task.tablesKey, shared, stored } satisfies PlanWorkerTask, { name: 'planInWorker' })) as PlanOutcome;
}

/** How many worker threads run checks now (0 when they run in-process). */
export function checkThreads(): number {
  return thePool()?.threads.length ?? 0;
}

/** Ends the pool's threads (at shutdown). */
export async function closeChecks(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) await p.destroy();
}
