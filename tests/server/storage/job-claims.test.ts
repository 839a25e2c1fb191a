import { JobClaims } from '../../../server/jobs/claims';
import { postgresForTests, threeStores } from '../../postgres-server';

/** Issue 15: background work claimed in the store runs once, whichever of three proxies races for it. */
const postgres = postgresForTests();

describe.each(postgres.backends)('background jobs claimed on %s', (name, open) => {
  const stores = () => threeStores(name, open);

  it('go to exactly one of three proxies racing for each of 30 jobs, and a finished job is never claimed again', async () => {
    const shared = await stores();
    if (!shared) return;
    const proxies = shared.map((s) => new JobClaims(s));
    for (let job = 0; job < 30; job++) {
      const key = `race-${name}-${job}`;
      const won = await Promise.all(proxies.map((p) => p.claim(key)));
      expect(won.filter(Boolean)).toHaveLength(1);
      await proxies[won.indexOf(true)]!.finish(key, 'done');
      expect(await Promise.all(proxies.map((p) => p.claim(key)))).toEqual([false, false, false]);
      expect(await proxies[(job + 1) % 3]!.outcome(key)).toBe('done');
    }
  });

  it('go to another proxy once the lease of one that died holding it has run out', async () => {
    const shared = await stores();
    if (!shared) return;
    let now = Date.UTC(2026, 10, 28, 9, 0, 0);
    const [dead, alive] = shared.map((s) => new JobClaims(s, () => now));
    const key = `lease-${name}`;
    expect(await dead!.claim(key, 60_000)).toBe(true);
    now += 59_000;
    expect(await alive!.claim(key)).toBe(false);
    now += 1_000;
    expect(await alive!.claim(key)).toBe(true);
  });
});
