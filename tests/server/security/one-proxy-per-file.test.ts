import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../../server/http/error-handler';
import { createLogger } from '../../../server/logger';
import { DatabaseError, openDatabase } from '../../../server/storage/db';
import { runProxyOnce, startProxy } from '../proxy-process';

/**
 * Finding 10. Failed on main: a second proxy opened the same SQLite file, writes raced into SQLITE_BUSY 500s, and
 * the same Idempotency-Key raced across the two wrote a batch twice.
 */
describe('one proxy per SQLite file (finding 10)', () => {
  it('refuses to start a second proxy on a file another one uses, in one line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-two-'));
    const first = await startProxy(dir);
    try {
      const second = await runProxyOnce({ DATA_DIR: dir });
      expect(second.code).toBe(1);
      expect(
        second.output
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('{')),
      ).toEqual([expect.stringMatching(/^Another Xero Bridge proxy is using .*bridge\.db: stop it, or give this one its own DATA_DIR/)]);
      // The first one still serves.
      const health = await fetch(`${first.origin}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await first.stop();
    }
    // Once it stopped, the file opens again.
    openDatabase(path.join(dir, 'bridge.db')).close();
  });

  it('holds the file from the moment it opens it, in-process too', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-lock-')), 'bridge.db');
    const db = openDatabase(file);
    expect(() => openDatabase(file)).toThrow(DatabaseError);
    db.close();
    openDatabase(file).close();
  });

  it('answers 503 with Retry-After, never 500, when the store stays busy', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-busy-')), 'busy.db');
    const holder = new Database(file);
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    const other = new Database(file, { timeout: 0 });
    const app = express();
    app.post('/write', () => {
      other.prepare('INSERT INTO t VALUES (2)').run();
    });
    app.use(errorHandler(createLogger('silent')));
    const res = await request(app).post('/write');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.error).toEqual({ code: 'unavailable', message: 'The proxy is busy writing: nothing was changed; try again in a moment' });
    holder.exec('ROLLBACK');
    holder.close();
    other.close();
  });
});
