import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { ROOT } from '../paths';
import { checkAndSuggest } from './check-worker';
import type { CheckResult, CheckTask, ResolvedRefs, WorkerResult, WorkerTask } from './check-worker';
import type { Resolved } from '../../core/mapping/kinds/types';
import { inTurn } from './turns';

/**
 * Plans' checks and suggestions off the event loop: a pool of worker threads (piscina) running the worker's own
 * bundle. Where there are no threads (PLAN_THREADS=0, the default on 2 cores) or the bundle is not built (a test run
 * straight from the TypeScript), the same function runs in-process, one plan per turn of the loop.
 */
const CHECK_WORKER = path.join(ROOT, 'dist', 'check-worker.cjs');

let pool: Piscina | null | undefined;
/**
 * By default one thread per core beyond two, at most 4: on a 2-core machine a worker only competes with the proxy's
 * own thread (measured with npm run bench: no gain for reports beside plans, a longer tail for plans), so there the
 * checks run in-process unless PLAN_THREADS asks otherwise.
 */
let threads = Math.max(0, Math.min(4, os.availableParallelism() - 2));

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
            maxThreads: threads,
            idleTimeout: 30_000,
            // A young generation as large as the main thread's (--max-semi-space-size=64): a plan's short-lived garbage
            // is collected in few scavenges.
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

/** The tables as JSON in shared memory, by their key: made once per version and read by every worker without a copy. */
const shared = new Map<string, SharedArrayBuffer>();

function sharedTables(key: string, tables: CheckTask['tables']): SharedArrayBuffer {
  let buffer = shared.get(key);
  if (!buffer) {
    const bytes = Buffer.from(JSON.stringify(tables));
    buffer = new SharedArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
    // A few versions (organisations) at once; the oldest goes first.
    if (shared.size >= 8) shared.delete(shared.keys().next().value as string);
    shared.set(key, buffer);
  }
  return buffer;
}

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
  const answer = (await p.run({ ...rest, shared: sharedTables(task.tablesKey, tables) } satisfies WorkerTask, { name: 'checkInWorker' })) as WorkerResult;
  return { ...answer, resolved: answer.resolved.map(([row, refs]) => [row, fromRefs(refs, tables)]) };
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
