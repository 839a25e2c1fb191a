import { XeroCache } from '../../../server/xero/cache';
import { XeroConnections } from '../../../server/xero/connections';
import { XeroGateway } from '../../../server/xero/gateway';
import { postgresForTests } from '../../postgres-server';
import { APP, organisation, TENANT, xeroHarness } from '../xero-harness';

/**
 * Issue 15: one token refresh per expiry across every proxy on one PostgreSQL. Xero rotates refresh tokens, so two
 * proxies refreshing the same one at once would lose one of them (and tell a user who did nothing to connect again).
 */
const postgres = postgresForTests();

describe('Xero connections shared by three proxies on one PostgreSQL', () => {
  it('refresh an access token that expired while all three were busy exactly once, and all three use the new one', async () => {
    if (!postgres.server()) return;
    const h = await xeroHarness();
    try {
      h.tokenEndpoint('rotate');
      const proxies = await Promise.all(
        [0, 1, 2].map(async () => {
          const connections = new XeroConnections((await postgres.open())!, h.box, APP, { clock: h.clock, apiBasePath: h.standIn.basePath });
          return { connections, gateway: new XeroGateway(connections, new XeroCache(h.db), { clock: h.clock }) };
        }),
      );
      const connectionId = await proxies[0]!.connections.create(
        { access_token: 'access-1', refresh_token: 'refresh-1', expires_at: Math.floor(h.clock.now() / 1000) + 1800 },
        'Ada Accountant',
        'xero-user-1',
        [organisation],
      );
      expect((await proxies[2]!.connections.organisations(connectionId)).map((o) => o.tenantId)).toEqual([TENANT]);
      h.clock.advance(31 * 60_000);
      // Each proxy pulls three endpoints at once on the expired token.
      const pulls = proxies.flatMap(({ gateway }) => (['Accounts', 'TaxRates', 'Items'] as const).map((e) => gateway.pull(connectionId, TENANT, e)));
      const results = await Promise.all(pulls);
      expect(results.every((r) => r.calls >= 1)).toBe(true);
      expect(h.refreshRequests).toEqual(['refresh-1']);
      for (const { connections } of proxies) expect((await connections.client(connectionId)).readTokenSet().access_token).toBe('access-2');
      expect(await proxies[1]!.connections.status(connectionId)).toBe('ok');
    } finally {
      await h.close();
    }
  });
});
