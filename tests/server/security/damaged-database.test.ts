import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DatabaseError, openDatabase } from '../../../server/storage/db';
import { runProxyOnce } from '../proxy-process';
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

  it('says in /healthz when the database stops answering: 503, not ok', async () => {
    const t = testApp();
    await request(t.app).get('/healthz').expect(200);
    t.db.close();
    const res = await request(t.app).get('/healthz').expect(503);
    expect(res.body.error).toMatchObject({ code: 'unavailable', message: 'The proxy cannot read its database: see its log' });
  });
});
