import crypto from 'node:crypto';
import type { generateDemo } from '../scripts/demo/generator';
import { SecretBox } from '../server/security/secret-box';
import { openDatabase } from '../server/storage/db';
import { XeroCache } from '../server/xero/cache';
import { XeroConnections } from '../server/xero/connections';
import { XeroGateway } from '../server/xero/gateway';
import { FakeClock } from '../tests/doubles/fake-clock';
import { XeroStandIn } from '../tests/doubles/xero-standin';
import { APP, organisation, TENANT } from '../tests/server/xero-harness';
import { sqliteStore } from '../server/storage/sql';

/** The gateway connected to the Xero stand-in serving `bodies`, on a virtual clock, with an in-memory store. */
export async function standInGateway(bodies: ReturnType<typeof generateDemo>, options: { pageSize?: number; latencyMs?: number; dbPath?: string } = {}) {
  const clock = new FakeClock();
  const standIn = new XeroStandIn(clock);
  standIn.addOrganisation(TENANT, bodies);
  standIn.latencyMs = options.latencyMs ?? 0;
  const basePath = await standIn.start();
  const db = openDatabase(options.dbPath ?? ':memory:');
  const key = crypto.randomBytes(32);
  const connections = new XeroConnections(sqliteStore(db), SecretBox.fromKey(key), APP, { clock, apiBasePath: basePath });
  standIn.issueToken('bench-token', clock.now() + 24 * 3_600_000);
  const connectionId = await connections.create(
    { access_token: 'bench-token', refresh_token: 'bench-refresh', expires_at: Math.floor(clock.now() / 1000) + 24 * 3600 },
    'Bench',
    null,
    [organisation],
  );
  const cache = new XeroCache(db);
  const gateway = new XeroGateway(connections, cache, { clock, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
  const close = async () => {
    await standIn.stop();
    if (db.open) db.close();
  };
  return { clock, standIn, cache, gateway, connectionId, close, db, key, basePath };
}
