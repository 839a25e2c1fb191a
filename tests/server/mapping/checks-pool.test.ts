import { ageingQuerySchema, planResponseSchema } from '../../../core/contract';
import { checkAndSuggest, planText } from '../../../server/mapping/check-worker';
import { checkThreads, runChecks, runPlan, setCheckThreads } from '../../../server/mapping/checks-pool';
import { buildAgeing, readReportLedger } from '../../../server/reports/build';
import { demoSource } from '../helpers';
import { checkTask as task, planTask } from './plan-tasks';

/** Issue 14: plans' checks and suggestions run in worker threads, with the same answers as in-process. */
describe('checks and suggestions in worker threads', () => {
  const source = demoSource();
  // Two threads, as PLAN_THREADS=2 asks (and the default on this kind of 2-core machine).
  beforeAll(() => setCheckThreads(2));

  it('answers exactly as the same checks run in-process, and runs them in a worker thread', async () => {
    const t = await task(2000);
    const inWorker = await runChecks(t);
    expect(checkThreads()).toBeGreaterThan(0);
    expect(inWorker).toEqual(JSON.parse(JSON.stringify(checkAndSuggest(t))));
    expect(inWorker.problems.some((p) => p.code === 'duplicate')).toBe(true);
    expect(inWorker.suggestions.filter((s) => s.target).length).toBeGreaterThan(100);
  });

  it('answers a report while a large sheet is being checked', async () => {
    const checking = runChecks(await task(10_000));
    let checked = false;
    void checking.then(() => (checked = true));
    // The event loop is free: the report is built and answered before the 10,000 rows are checked.
    const report = buildAgeing(await readReportLedger(source), ageingQuerySchema.parse({ asAt: '2026-10-31' }));
    expect(report.rows.length).toBeGreaterThan(10);
    expect(checked).toBe(false);
    expect((await checking).resolved).toHaveLength(10_000);
  });

  it('makes a whole plan in a worker thread, from the body as sent to exactly the JSON the same plan answers in-process', async () => {
    const t = await planTask(1500);
    const inWorker = await runPlan(t);
    expect(checkThreads()).toBeGreaterThan(0);
    expect(inWorker).toEqual(planText(t));
    if (!('answer' in inWorker)) throw new Error('the plan was refused');
    const answer = planResponseSchema.parse(JSON.parse(inWorker.answer));
    // What the reviewer sees: every row answered, those it could not read among them, with what is already stored.
    expect(answer.rows).toHaveLength(1503);
    expect(answer.totals.invalid).toBeGreaterThanOrEqual(2);
    expect(answer.rows.find((r) => r.row === 1502)?.reason).toMatch(/Row 1502, status/);
    expect(answer.totals.update + answer.totals.unchanged).toBeGreaterThan(0);
    expect(answer.rows.filter((r) => r.suggestion.target).length).toBeGreaterThan(100);
  });

  it('refuses, naming the field, a body the route cannot read, in the worker thread as in-process', async () => {
    const t = await planTask(10);
    for (const [body, message] of [
      ['{"kind":"accounts","rows":[', /The request body could not be read/],
      ['{"kind":"ledgers","rows":[]}', /^body kind: expected one of accounts, tax-rules/],
      [JSON.stringify({ kind: 'accounts', rows: Array.from({ length: 10_001 }, () => ({})) }), /body rows: at most 10,000 rows per request/],
    ] as const) {
      const refused = await runPlan({ ...t, body });
      expect(refused).toEqual(planText({ ...t, body }));
      expect('refused' in refused && refused.refused.message).toMatch(message);
    }
  });

  it('answers plans in the order they came: none waits while later ones pass it', async () => {
    const tasks = await Promise.all(Array.from({ length: 24 }, (_, i) => planTask(2000, `-${i}`)));
    const finished: number[] = [];
    await Promise.all(tasks.map((t, i) => runPlan(t).then(() => finished.push(i))));
    // With every thread busy, a plan may be passed only by those that started beside it on the other threads (plans
    // take unequal times, and a thread may wait for a core while the other goes on: a few more, so each plan is large
    // enough that such a wait lets few pass). Taken from the back of the queue, as piscina does unless told, one of
    // these 24 plans is passed by 15 or more.
    const passedBy = tasks.map((_, i) => finished.slice(0, finished.indexOf(i)).filter((j) => j > i).length);
    expect(Math.max(...passedBy)).toBeLessThanOrEqual(8);
  });
});
