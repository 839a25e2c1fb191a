import { inTurn } from '../../server/turns';

describe('running plans one per turn of the event loop', () => {
  it('runs them in the order they were asked for, and lets other callbacks run between two of them', async () => {
    const order: string[] = [];
    const first = inTurn(() => {
      order.push('plan 1');
      // Something that became ready meanwhile (a socket read, in the proxy) runs before the next plan.
      setImmediate(() => order.push('other request'));
      return 1;
    });
    const second = inTurn(() => {
      order.push('plan 2');
      return 2;
    });
    const third = inTurn(() => {
      order.push('plan 3');
      return 3;
    });
    expect(await Promise.all([first, second, third])).toEqual([1, 2, 3]);
    expect(order).toEqual(['plan 1', 'other request', 'plan 2', 'plan 3']);
  });

  it('fails only the plan that threw; the ones queued behind it still run', async () => {
    const failing = inTurn(() => {
      throw new Error('row 7 could not be read');
    });
    const after = inTurn(() => 'planned');
    await expect(failing).rejects.toThrow('row 7 could not be read');
    await expect(after).resolves.toBe('planned');
  });
});
