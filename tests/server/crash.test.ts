import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { startProxy as start } from './proxy-process';

function call(
  port: number,
  method: string,
  urlPath: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    if (data) req.write(data);
    req.end();
  });
}

describe('the proxy killed in the middle of an apply', () => {
  it('applies every row exactly once when the same key is sent after a restart; store, audit and file agree', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-'));
    try {
      const rows = Array.from({ length: 500 }, (_, i) => ({
        row: i + 2,
        source: `CODE-${i}`,
        name: `Code ${i}`,
        role: 'revenue',
        target: i % 2 ? '200' : '0400',
        status: 'Approved',
      }));
      const body = { kind: 'accounts', planVersion: 0, rows };
      let first = await start(dataDir);
      const session = await call(first.port, 'POST', '/auth/demo', undefined);
      const auth = { Authorization: `Bearer ${String(session.body.token)}`, 'Idempotency-Key': 'crash-test-batch-1' };
      const pending = call(first.port, 'POST', `/api/orgs/${DEMO_TENANT_ID}/mappings/apply`, body, auth).catch(() => null);
      await new Promise((r) => setTimeout(r, 40));
      first.child.kill('SIGKILL');
      await first.exited;
      await pending;

      first = await start(dataDir);
      try {
        const replay = await call(first.port, 'POST', `/api/orgs/${DEMO_TENANT_ID}/mappings/apply`, body, auth);
        expect(replay.status).toBe(200);
        const results = replay.body.results as Array<{ result: string }>;
        expect(results).toHaveLength(500);
        expect(results.every((r) => r.result === 'written')).toBe(true);
      } finally {
        first.child.kill('SIGTERM');
        await first.exited;
      }
      const db = new Database(path.join(dataDir, 'bridge.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((db.prepare("SELECT COUNT(*) AS n FROM mappings WHERE kind = 'accounts'").get() as { n: number }).n).toBe(500);
        expect((db.prepare('SELECT COUNT(*) AS n FROM mapping_audit').get() as { n: number }).n).toBe(500);
        expect((db.prepare("SELECT COUNT(*) AS n FROM mapping_batches WHERE status = 'done'").get() as { n: number }).n).toBe(1);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
