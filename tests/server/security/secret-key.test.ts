import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../../server/paths';
import { KeyError, openSecretBox, RESET_COMMAND } from '../../../server/security/key-check';
import { SecretBox } from '../../../server/security/secret-box';
import { openDatabase } from '../../../server/storage/db';
import { XeroConnections } from '../../../server/xero/connections';
import { XeroError } from '../../../server/xero/errors';
import { runProxyOnce } from '../proxy-process';
import { sqliteStore } from '../../../server/storage/sql';

const XERO_APP = { clientId: 'client-id', clientSecret: 'client-secret', redirectUri: 'https://localhost:3000/auth/xero/callback', scopes: 'offline_access' };

/** A data folder whose database holds one Xero connection sealed with the key in its secret.key. */
function dataWithConnection(): { dir: string; keyFile: string; dbPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-key-'));
  const keyFile = path.join(dir, 'secret.key');
  const dbPath = path.join(dir, 'bridge.db');
  const db = openDatabase(dbPath);
  const box = SecretBox.fromConfig(null, keyFile);
  const tokens = JSON.stringify({ access_token: 'at', refresh_token: 'rt', expires_at: 4102444800 });
  db.prepare(
    "INSERT INTO xero_connections (id, xero_user_id, user_name, token_set, expires_at, status, created_at, updated_at) VALUES ('c1', 'u1', 'Ann', ?, 4102444800, 'ok', '2026-11-27', '2026-11-27')",
  ).run(box.seal(tokens, 'xero-connection:c1'));
  db.close();
  return { dir, keyFile, dbPath };
}

const startProxy = (dir: string) =>
  runProxyOnce({ DATA_DIR: dir, XERO_CLIENT_ID: XERO_APP.clientId, XERO_CLIENT_SECRET: XERO_APP.clientSecret, XERO_REDIRECT_URI: XERO_APP.redirectUri });

/**
 * Finding 3. Failed on main: with secret.key deleted while sealed tokens existed, a new key was made silently
 * and every Xero call answered 500 from then on.
 */
describe('the key that seals Xero tokens (finding 3)', () => {
  it('refuses to start without it, in one line that says how to recover', async () => {
    const { dir, keyFile } = dataWithConnection();
    fs.rmSync(keyFile);
    const { code, output } = await startProxy(dir);
    expect(code).toBe(1);
    const said = output
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('{'));
    expect(said).toEqual([
      expect.stringMatching(/^The key that sealed the stored Xero connections is missing .*: restore it, or run "npm run connections:reset"/),
    ]);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('refuses a different key the same way', async () => {
    const { dbPath, keyFile } = dataWithConnection();
    fs.writeFileSync(keyFile, `${crypto.randomBytes(32).toString('hex')}\n`);
    const db = openDatabase(dbPath);
    await expect(openSecretBox(sqliteStore(db), null, keyFile)).rejects.toThrow(KeyError);
    await expect(openSecretBox(sqliteStore(db), null, keyFile)).rejects.toThrow(/is not the one that sealed the stored Xero connections/);
    db.close();
  });

  it(`starts again after "${RESET_COMMAND}", which drops the connections and nothing else`, async () => {
    const { dir, keyFile, dbPath } = dataWithConnection();
    fs.rmSync(keyFile);
    const db = openDatabase(dbPath);
    db.prepare(
      "INSERT INTO mappings (tenant_id, kind, source_code, target, details, version, batch_id, updated_at) VALUES ('t', 'accounts', 'S1', '200', '{}', 1, 'b', 'now')",
    ).run();
    db.close();
    const printed = execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/reset-connections.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(printed).toMatch(/^Dropped 1 stored Xero connection\(s\)/);
    const after = openDatabase(dbPath);
    expect(after.prepare('SELECT count(*) AS n FROM xero_connections').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT count(*) AS n FROM mappings').get()).toEqual({ n: 1 });
    after.close();
    const { code, output } = await startProxy(dir);
    expect(output).toMatch(/listening on/);
    expect(code).not.toBe(1);
  });

  it('treats one token set it cannot open as "connect again", never a 500', async () => {
    const { dbPath, keyFile } = dataWithConnection();
    const db = openDatabase(dbPath);
    const box = await openSecretBox(sqliteStore(db), null, keyFile);
    db.prepare("UPDATE xero_connections SET token_set = ? WHERE id = 'c1'").run(SecretBox.fromKey(crypto.randomBytes(32)).seal('{}', 'xero-connection:c1'));
    db.prepare(
      "INSERT INTO xero_connections (id, xero_user_id, user_name, token_set, expires_at, status, created_at, updated_at) VALUES ('c2', 'u2', 'Bo', ?, 0, 'ok', '2026-11-27', '2026-11-28')",
    ).run(box.seal('{}', 'xero-connection:c2'));
    const connections = new XeroConnections(sqliteStore(db), box, XERO_APP);
    const failure = await connections.client('c1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(XeroError);
    expect(failure).toMatchObject({ kind: 'invalid_grant', message: 'This Xero connection cannot be read on this proxy any more: connect to Xero again' });
    expect(await connections.status('c1')).toBe('reconnect_needed');
    db.close();
  });
});
