/**
 * Records a connected Xero organisation as a snapshot folder, to work offline or hand over a case.
 * Usage: npm run snapshot -- --tenant <tenant id> --out <folder>
 * Uses the proxy's configuration (XERO_CLIENT_ID, …, DATA_DIR) and a connection made by signing in.
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config';
import { SecretBox } from '../server/security/secret-box';
import { SnapshotSource } from '../server/sources/snapshot';
import { openDatabase } from '../server/storage/db';
import { XeroCache } from '../server/xero/cache';
import { XeroConnections } from '../server/xero/connections';
import { XeroGateway } from '../server/xero/gateway';
import { connectionForTenant, recordSnapshot } from '../server/xero/record-snapshot';
import { sqliteStore } from '../server/storage/sql';

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? null) : null;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const tenant = arg('tenant');
  const out = arg('out');
  if (!tenant || !out) fail('Usage: npm run snapshot -- --tenant <tenant id> --out <folder>');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  if (!config.xero) fail('No Xero app is configured: set XERO_CLIENT_ID, XERO_CLIENT_SECRET and XERO_REDIRECT_URI as for the proxy');
  const db = openDatabase(config.dbPath);
  const connections = new XeroConnections(sqliteStore(db), SecretBox.fromConfig(config.bridgeSecret, path.join(config.dataDir, 'secret.key')), config.xero);
  const connectionId = connectionForTenant(db, tenant);
  if (!connectionId) fail(`No working Xero connection reaches organisation ${tenant}: connect to it from the pane first`);
  const folder = path.resolve(out);
  const recorded = await recordSnapshot(new XeroGateway(connections, new XeroCache(db)), connectionId, tenant, folder);
  const check = SnapshotSource.load(folder);
  process.stdout.write(
    `Snapshot of "${check.organisation.name}" written to ${folder} with ${recorded.calls} Xero calls: ` +
      Object.entries(recorded.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') +
      `\nServe it with: XERO_SNAPSHOT=${folder} npm start\n`,
  );
  db.close();
}

void main().catch((err: unknown) => fail(`The snapshot could not be recorded: ${(err as Error).message}`));
