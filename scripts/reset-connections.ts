/**
 * npm run connections:reset: drops every stored Xero connection (and the sessions signed in through one), for when
 * the key that sealed their token sets is lost. Mappings, batches and the Xero cache stay. Users connect to Xero again.
 * Uses DATA_DIR / DB_PATH as the proxy does; stop the proxy first.
 */
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/storage/db';

const config = loadConfig();
const db = openDatabase(config.dbPath);
const dropped = db.transaction(() => {
  const sessions = db.prepare("DELETE FROM sessions WHERE kind = 'xero'").run().changes;
  const connections = db.prepare('DELETE FROM xero_connections').run().changes;
  return { sessions, connections };
})();
db.close();
process.stdout.write(
  `Dropped ${dropped.connections} stored Xero connection(s) and ${dropped.sessions} session(s) from ${config.dbPath}: their users connect to Xero again. A new key is made at the next start.\n`,
);
