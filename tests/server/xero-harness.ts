import crypto from 'node:crypto';
import nock from 'nock';
import type { Organisation } from '../../core/domain';
import { generateDemo } from '../../scripts/demo/generator';
import { SecretBox } from '../../server/security/secret-box';
import { openDatabase } from '../../server/storage/db';
import { XeroCache } from '../../server/xero/cache';
import { XeroConnections } from '../../server/xero/connections';
import { XeroGateway } from '../../server/xero/gateway';
import type { OrganisationSource } from '../../server/sources/source';
import { FakeClock } from '../doubles/fake-clock';
import { XeroStandIn } from '../doubles/xero-standin';
import { sqliteStore } from '../../server/storage/sql';

export const TENANT = 'b1f3c2d4-0000-4000-8000-00000000c0de';
export const APP = {
  clientId: 'test-client',
  clientSecret: 'test-secret',
  redirectUri: 'https://localhost:3000/auth/xero/callback',
  scopes: 'offline_access openid profile email accounting.settings accounting.contacts accounting.transactions',
};
export const IDENTITY = 'https://identity.xero.com';

export const organisation: Organisation = {
  tenantId: TENANT,
  name: 'Stand-in Org Ltd',
  legalName: null,
  baseCurrency: 'AUD',
  countryCode: 'AU',
  timezone: null,
  shortCode: null,
  source: 'xero',
};

/**
 * A proxy's Xero side wired to the scripted stand-in: virtual clock, a store (in memory unless `dbPath`), one connection.
 * Xero's fixed identity endpoint (token refresh) is stubbed with nock and issues tokens the stand-in accepts.
 */
export async function xeroHarness(options: { bodies?: ReturnType<typeof generateDemo>; accessTtlSeconds?: number; dbPath?: string } = {}) {
  const clock = new FakeClock();
  const standIn = new XeroStandIn(clock);
  standIn.addOrganisation(TENANT, options.bodies ?? generateDemo());
  const basePath = await standIn.start();
  const db = openDatabase(options.dbPath ?? ':memory:');
  const box = SecretBox.fromKey(crypto.randomBytes(32));
  const connections = new XeroConnections(sqliteStore(db), box, APP, { clock, apiBasePath: basePath });
  const cache = new XeroCache(db);
  const gateway = new XeroGateway(connections, cache, { clock });
  const ttl = options.accessTtlSeconds ?? 1800;
  standIn.issueToken('access-1', clock.now() + ttl * 1000);
  const connectionId = await connections.create(
    { access_token: 'access-1', refresh_token: 'refresh-1', expires_at: Math.floor(clock.now() / 1000) + ttl },
    'Ada Accountant',
    'xero-user-1',
    [organisation],
  );

  let issued = 1;
  const refreshRequests: string[] = [];
  /** Xero's token endpoint: rotates the refresh token on every use; `refuse` answers invalid_grant. */
  const tokenEndpoint = (behaviour: 'rotate' | 'refuse' = 'rotate') =>
    nock(IDENTITY)
      .persist()
      .post('/connect/token')
      .reply(function (_uri, body) {
        const params = new URLSearchParams(String(body));
        refreshRequests.push(params.get('refresh_token') ?? '');
        if (behaviour === 'refuse' || params.get('refresh_token') !== `refresh-${issued}`) {
          return [400, { error: 'invalid_grant' }];
        }
        issued++;
        standIn.issueToken(`access-${issued}`, clock.now() + 1800 * 1000);
        return [200, { access_token: `access-${issued}`, refresh_token: `refresh-${issued}`, expires_in: 1800, token_type: 'Bearer', scope: APP.scopes }];
      });

  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');

  return {
    clock,
    standIn,
    db,
    box,
    connections,
    cache,
    gateway,
    connectionId,
    refreshRequests,
    tokenEndpoint,
    async close() {
      nock.cleanAll();
      nock.enableNetConnect();
      await standIn.stop();
      db.close();
    },
  };
}

/** Customer rows mapping source customers onto the organisation's active customers, with sales defaults to write into Xero. */
export async function customerRows(source: OrganisationSource, count: number, status: 'Approved' | 'Draft' = 'Approved') {
  const contacts = (await source.read('contacts')).records.filter((c) => c.isCustomer && c.status === 'ACTIVE').slice(0, count);
  return contacts.map((c, i) => ({ row: i + 2, source: `POS-${i}`, name: c.name, target: c.contactId, salesAccount: '210', taxType: 'OUTPUT', status }));
}
