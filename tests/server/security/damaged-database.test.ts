import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { DEMO_SNAPSHOT_DIR } from '../../../server/paths';
import { DatabaseError, openDatabase } from '../../../server/storage/db';
import { runProxyOnce, startProxy } from '../proxy-process';
import { testApp } from '../helpers';

/** A store with some rows in it, closed, as a proxy leaves it. */
function storeWithRows(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-damaged-')), 'bridge.db');
  const db = openDatabase(file);
  const insert = db.prepare('INSERT INTO sessions (token_hash, kind, user_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < 2000; i++) insert.run(`hash-${i}`, 'demo', 'demo', '2026-11-27T00:00:00Z', '2026-12-27T00:00:00Z');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** Starts the proxy on that file; resolves when it stops, or once it listens. */
const startOn = (file: string) => runProxyOnce({ DATA_DIR: path.dirname(file), DB_PATH: file });

/**
 * Finding 11. Failed on main: with a damaged page the proxy started and /healthz said ok while every request
 * answered 500; a truncated file stopped it with a stack trace.
 */
describe('a damaged database (finding 11)', () => {
  it('refuses a file with a damaged page, at start, in one line', async () => {
    const file = storeWithRows();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096 * 3);
    fs.closeSync(fd);
    expect(() => openDatabase(file)).toThrow(DatabaseError);
    const { code, output } = await startOn(file);
    expect(code).toBe(1);
    // Log lines are JSON; what is printed for the person starting it is one line, and no stack trace.
    const said = output
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('{'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^The database .* cannot be used \(.+\): restore it from a backup, or move it aside/);
  });

  it('refuses a truncated file the same way, without a stack trace', async () => {
    const file = storeWithRows();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2) + 100);
    const { code, output } = await startOn(file);
    expect(code).toBe(1);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).toMatch(/cannot be used/);
  });

  it('starts without checking the pull cache’s records, and answers a report whose records are damaged with 503 saying so', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-damaged-cache-'));
    const folder = path.join(dataDir, 'snapshot');
    fs.cpSync(DEMO_SNAPSHOT_DIR, folder, { recursive: true });
    const env = { XERO_SNAPSHOT: folder, DEMO_LOGIN: '1' };
    // The first start reads the folder and keeps its large tables in the store, as the pull cache's records.
    await (await startProxy(dataDir, { env })).stop();
    const file = path.join(dataDir, 'bridge.db');
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'xero_cache' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    db.close();
    expect(pages.length).toBeGreaterThan(20);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, ((pages[Math.floor(pages.length / 2)] as number) - 1) * pageSize);
    fs.closeSync(fd);

    const proxy = await startProxy(dataDir, { env });
    try {
      const { token } = (await (await fetch(`${proxy.origin}/auth/demo`, { method: 'POST' })).json()) as { token: string };
      const tenantId = JSON.parse(fs.readFileSync(path.join(folder, 'Organisation.json'), 'utf8')).Organisations[0].OrganisationID as string;
      const res = await fetch(`${proxy.origin}/api/orgs/${tenantId}/reports/ageing?asAt=2026-10-31`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unavailable');
      expect(body.error.message).toMatch(/database is damaged .*: restore it from a backup, or stop the proxy and move the file aside/);
    } finally {
      await proxy.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says in /healthz when the database stops answering: 503, not ok', async () => {
    const t = testApp();
    await request(t.app).get('/healthz').expect(200);
    t.db.close();
    const res = await request(t.app).get('/healthz').expect(503);
    expect(res.body.error).toMatchObject({ code: 'unavailable', message: 'The proxy cannot read its database: see its log' });
  });
});
