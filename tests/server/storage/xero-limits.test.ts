import { openDatabase } from '../../../server/storage/db';
import { XeroCache } from '../../../server/xero/cache';
import { XeroError } from '../../../server/xero/errors';
import { XeroGateway } from '../../../server/xero/gateway';
import type { EndpointName } from '../../../server/xero/raw';
import { LEASE_MS, SharedLimiter } from '../../../server/xero/shared-limiter';
import { FakeClock } from '../../doubles/fake-clock';
import { postgresForTests, threeStores } from '../../postgres-server';
import { TENANT, xeroHarness } from '../xero-harness';

/**
 * Issue 15: Xero's limits per organisation hold across every proxy on the store — at most 5 calls in flight, 60 in
 * any rolling minute, 5,000 a day — and a 429's pause holds them all. Three limiters on one store stand for three
 * proxies (on PostgreSQL each has a pool of its own, as a process would).
 */
const postgres = postgresForTests();
const ENDPOINTS: EndpointName[] = ['Invoices', 'Payments', 'Contacts', 'Accounts', 'TaxRates', 'Items', 'CreditNotes'];

describe.each(postgres.backends)('Xero limits shared on %s', (name, open) => {
  const stores = () => threeStores(name, open);

  it('three proxies pulling one organisation at once stay within 5 in flight and 60 a minute, and Xero never answers 429', async () => {
    const shared = await stores();
    if (!shared) return;
    const h = await xeroHarness();
    try {
      h.standIn.latencyMs = 5;
      const gateways = shared.map(
        (store) =>
          // Pages of 100 records, so that each proxy makes about 35 calls: 105 in all, more than a minute's 60.
          new XeroGateway(h.connections, new XeroCache(openDatabase(':memory:')), {
            clock: h.clock,
            pageSize: 100,
            limiterFor: (tenantId) => new SharedLimiter(store, tenantId, { clock: h.clock }),
          }),
      );
      const results = await Promise.all(gateways.flatMap((g) => ENDPOINTS.map((e) => g.pull(h.connectionId, TENANT, e))));
      expect(h.standIn.calls.length).toBeGreaterThan(100);
      expect(h.standIn.rateLimited).toBe(0);
      expect(h.standIn.peakInFlight).toBeLessThanOrEqual(5);
      expect(h.standIn.peakPerMinute).toBeLessThanOrEqual(60);
      // More than a minute's calls were made, so some of them waited for the window (on the virtual clock).
      expect(h.clock.slept).toBeGreaterThanOrEqual(50_000);
      // Every proxy has every record.
      const invoices = h.standIn.records(TENANT, 'Invoices').length;
      expect(results.filter((r) => r.records.length === invoices)).toHaveLength(3);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a 429 on one proxy pauses the organisation on the others for the Retry-After Xero gave', async () => {
    const shared = await stores();
    if (!shared) return;
    const clock = new FakeClock();
    const [a, b] = shared.map((store) => new SharedLimiter(store, `pause-${name}`, { clock }));
    await a!.pause(37);
    const asked = clock.now();
    let ranAt = 0;
    await b!.schedule(async () => (ranAt = clock.now()));
    expect(ranAt - asked).toBeGreaterThanOrEqual(37_000);
  });

  it('a call of a proxy that died holds its place until its lease runs out, then frees it', async () => {
    const shared = await stores();
    if (!shared) return;
    const clock = new FakeClock();
    const tenant = `lease-${name}`;
    const dead = new SharedLimiter(shared[0]!, tenant, { clock });
    // Five calls that never answer: the proxy making them was killed.
    for (let i = 0; i < 5; i++) void dead.schedule(() => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const alive = new SharedLimiter(shared[1]!, tenant, { clock });
    const asked = clock.now();
    let ranAt = 0;
    await alive.schedule(async () => (ranAt = clock.now()));
    expect(ranAt - asked).toBeGreaterThanOrEqual(LEASE_MS - 1000);
    expect(ranAt - asked).toBeLessThan(LEASE_MS + 5_000);
  });

  it("refuses at once, naming Xero's daily limit and when to try again, once the day's calls are used on any proxy", async () => {
    const shared = await stores();
    if (!shared) return;
    const clock = new FakeClock();
    const tenant = `day-${name}`;
    const [a, b] = shared.map((store) => new SharedLimiter(store, tenant, { clock, perDay: 3 }));
    for (const limiter of [a, b, a]) await limiter!.schedule(async () => clock.advance(1000));
    const refused = b!.schedule(async () => 'made');
    await expect(refused).rejects.toThrow(XeroError);
    await expect(refused).rejects.toThrow(/daily limit of calls for this organisation was reached: try again in 8639\d seconds/);
  });
});
