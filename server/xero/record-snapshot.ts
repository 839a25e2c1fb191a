import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../storage/db';
import type { XeroGateway } from './gateway';
import { endpointNames, endpoints } from './raw';

export type RecordedSnapshot = { folder: string; counts: Record<string, number>; calls: number };

/** The Xero connection that can read a tenant: the most recently updated one still accepted by Xero. */
export function connectionForTenant(db: Db, tenantId: string): string | null {
  const row = db
    .prepare(
      `SELECT c.id FROM xero_connections c JOIN connection_tenants t ON t.connection_id = c.id
       WHERE t.tenant_id = ? AND c.status = 'ok' ORDER BY c.updated_at DESC LIMIT 1`,
    )
    .get(tenantId) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * Records a connected organisation as a snapshot folder: one raw Xero response body per endpoint,
 * exactly the records Xero sent (PascalCase, Xero's dates), so it can be served with XERO_SNAPSHOT.
 * Reads through the gateway, so only what changed since the last pull costs calls.
 */
export async function recordSnapshot(
  gateway: XeroGateway,
  connectionId: string,
  tenantId: string,
  folder: string,
  now: Date = new Date(),
): Promise<RecordedSnapshot> {
  fs.mkdirSync(folder, { recursive: true });
  const counts: Record<string, number> = {};
  let calls = 0;
  for (const endpoint of endpointNames) {
    const pulled = await gateway.pull(connectionId, tenantId, endpoint);
    calls += pulled.calls;
    counts[endpoint] = pulled.records.length;
    const body = {
      Id: `snapshot-${now.toISOString()}`,
      Status: 'OK',
      ProviderName: 'Xero Bridge snapshot',
      DateTimeUTC: `/Date(${now.getTime()}+0000)/`,
      [endpoints[endpoint].key]: pulled.records,
    };
    const file = path.join(folder, `${endpoint}.json`);
    fs.writeFileSync(`${file}.partial`, `${JSON.stringify(body, null, 1)}\n`);
    fs.renameSync(`${file}.partial`, file);
  }
  return { folder, counts, calls };
}
