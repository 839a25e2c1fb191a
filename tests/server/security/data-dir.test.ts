import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { secureDataDir } from '../../../server/storage/data-dir';
import { startProxy } from '../proxy-process';

/** Every folder and file below `dir` with its permission bits, for a readable failure. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (p: string) => {
    const stat = fs.lstatSync(p);
    out[path.relative(dir, p) || '.'] = (stat.mode & 0o777).toString(8);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return out;
}

function post(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Finding 2: DATA_DIR was created 0755 and bridge.db, -wal and -shm 0644, although the database holds Xero's
 * records. Failed on main: the proxy's data folder below was 755 and its database files 644.
 */
describe('the data folder is owner-only (finding 2)', () => {
  it('tightens a folder and files left looser by an older version, and says which', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-modes-'));
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'tls'), { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'bridge.db'), 'x', { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'tls', 'key.pem'), 'x', { mode: 0o640 });
    fs.chmodSync(path.join(dir, 'tls'), 0o755);
    fs.chmodSync(path.join(dir, 'bridge.db'), 0o644);
    expect(
      secureDataDir(dir)
        .map((p) => path.relative(dir, p))
        .sort(),
    ).toEqual(['', 'bridge.db', 'tls', path.join('tls', 'key.pem')].sort());
    expect(modes(dir)).toEqual({ '.': '700', 'bridge.db': '600', tls: '700', [path.join('tls', 'key.pem')]: '600' });
    expect(secureDataDir(dir)).toEqual([]);
  });

  it('keeps every file the running proxy writes owner-only: the database and its journal, the TLS certificate', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-proxy-modes-')), 'data');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const proxy = await startProxy(dir, { https: true });
    try {
      expect(await post(`${proxy.origin}/auth/demo`)).toBe(201);
      const all = modes(dir);
      expect(Object.keys(all)).toEqual(expect.arrayContaining(['bridge.db', 'tls']));
      for (const [file, mode] of Object.entries(all))
        expect(`${file} ${mode}`).toBe(`${file} ${fs.lstatSync(path.join(dir, file)).isDirectory() ? '700' : '600'}`);
      expect(proxy.output()).toMatch(/Made the data folder and its files owner-only/);
    } finally {
      await proxy.stop();
    }
  });
});
