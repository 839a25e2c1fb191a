import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/storage/db';
import { openPostgres } from '../server/storage/postgres';
import { sqliteStore } from '../server/storage/sql';
import type { SqlStore } from '../server/storage/sql';

/**
 * A throwaway PostgreSQL cluster for the store tests: Debian's `postgresql` (which `.ci/run` installs), `initdb` and
 * `pg_ctl` on a temporary folder and a free loopback port, run as the `postgres` user when this is root (initdb
 * refuses root). TEST_DATABASE_URL names a server to use instead. Where none can be started the tests that need one
 * skip with one line, except with BRIDGE_REQUIRE_POSTGRES=1 (CI), where that is a failure.
 */
export type ThrowawayPostgres = { url: string; stop: () => Promise<void> };

function binDir(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) return path.join(root, v, 'bin');
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function start(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  if (!bin) throw new Error('no PostgreSQL server here (initdb and pg_ctl not found; Debian: apt-get install postgresql)');
  const root = process.getuid?.() === 0;
  // As root the server runs as `postgres`, which must reach the folder: /tmp, whatever TMPDIR says.
  const dir = fs.mkdtempSync(path.join(root ? '/tmp' : os.tmpdir(), 'bridge-pg-'));
  if (root) execFileSync('chown', ['postgres:postgres', dir]);
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => fs.existsSync(p)) ?? 'runuser';
  const run = (tool: string, args: string[]) =>
    execFileSync(root ? runuser : path.join(bin, tool), root ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args, { stdio: 'pipe' });
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'bridge', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://bridge@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A PostgreSQL server for this test file, or null (with one line saying why) where none can be had. */
export async function throwawayPostgres(): Promise<ThrowawayPostgres | null> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => undefined };
  try {
    return await start();
  } catch (err) {
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    if (process.env.BRIDGE_REQUIRE_POSTGRES === '1')
      throw new Error(`PostgreSQL is required here (BRIDGE_REQUIRE_POSTGRES=1) but could not be started: ${why}`);
    process.stdout.write(`PostgreSQL tests skipped: ${why.split('\n')[0]}\n`);
    return null;
  }
}

/**
 * For a test file: a throwaway PostgreSQL started before its tests and stopped after them, and `open`, which opens a
 * store on it (null where there is no server) and closes it at the end. `backends` lists SQLite and PostgreSQL.
 */
export function postgresForTests() {
  let server: ThrowawayPostgres | null = null;
  const opened: SqlStore[] = [];
  beforeAll(async () => {
    server = await throwawayPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const s of opened) await s.close();
    await server?.stop();
  });
  const open = async (max = 4): Promise<SqlStore | null> => {
    if (!server) return null;
    const store = await openPostgres(server.url, { max });
    opened.push(store);
    return store;
  };
  const backends: Array<[string, () => Promise<SqlStore | null>]> = [
    ['SQLite', async () => sqliteStore(openDatabase(':memory:'))],
    ['PostgreSQL', () => open()],
  ];
  return { server: () => server, open, backends };
}

/**
 * Three stores on one backend standing for three proxies (on PostgreSQL each with a pool of its own, as a process
 * has; on SQLite one store three times, as one process holds its file), or null where there is no server (then only
 * PostgreSQL may be missing).
 */
export async function threeStores(name: string, open: () => Promise<SqlStore | null>): Promise<SqlStore[] | null> {
  const first = await open();
  if (!first) {
    expect(name).toBe('PostgreSQL');
    return null;
  }
  return first.kind === 'sqlite' ? [first, first, first] : [first, (await open())!, (await open())!];
}
