import os from 'node:os';

export { checkInWorker, planInWorker } from './check-worker';

/**
 * The entry of the plan threads' bundle (dist/check-worker.cjs; checks-pool.ts runs it). On Linux, where a nice
 * value belongs to a thread, a plan thread yields the cores to the proxy's own thread: a report or a sign-in is
 * answered at once while plans take the time left (measured with npm run bench: the ageing report's p99 beside ten
 * connections of plans). Elsewhere the value would apply to the whole process, so it is left alone.
 */
const PLAN_THREAD_NICENESS = 5;

if (process.platform === 'linux') {
  try {
    os.setPriority(0, PLAN_THREAD_NICENESS);
  } catch {
    // A system that does not allow it: the thread runs at the proxy's own priority.
  }
}
