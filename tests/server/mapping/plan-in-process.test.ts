import { planResponseSchema } from '../../../core/contract';
import { planText } from '../../../server/mapping/check-worker';
import { checkThreads, runPlan, setCheckThreads } from '../../../server/mapping/checks-pool';
import { planTask } from './plan-tasks';

/** Issue 14: with PLAN_THREADS=0 a plan is made in the proxy's own thread, in parts that let other requests through. */
describe('a plan made in-process', () => {
  beforeAll(() => setCheckThreads(0));

  it('answers the same JSON as in a worker thread, from the body as sent, in turns of the event loop', async () => {
    const t = await planTask(3000);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const answer = await runPlan(t);
    clearInterval(ticking);
    expect(checkThreads()).toBe(0);
    expect(answer).toEqual(planText(t));
    if (!('answer' in answer)) throw new Error('the plan was refused');
    expect(planResponseSchema.parse(JSON.parse(answer.answer)).rows).toHaveLength(3003);
    // Reading the rows, checking them and answering each took a turn: timers ran in between.
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
