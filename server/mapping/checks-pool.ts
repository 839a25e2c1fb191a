import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { ROOT } from '../paths';
import { checkAndSuggest } from './check-worker';
import type { CheckResult, CheckTask } from './check-worker';
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

export function runChecks(task: CheckTask): Promise<CheckResult> {
  const p = thePool();
  return p ? (p.run(task, { name: 'checkAndSuggest' }) as Promise<CheckResult>) : inTurn(() => checkAndSuggest(task));
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
