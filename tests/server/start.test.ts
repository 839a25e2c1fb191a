import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SNAPSHOT_DIR, ROOT } from '../../server/paths';
import { PROXY_NODE_ARGS } from './proxy-process';

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts the proxy as `npm start` does (without the build), with the given environment. */
function start(env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, PROXY_NODE_ARGS, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function listeningPort(s: Started): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const match = /listening on https?:\/\/[^:]+:(\d+)/.exec(s.output());
    if (match) return Number(match[1]);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the proxy did not start:\n${s.output()}`);
}

function getJson(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

describe('starting the proxy', () => {
  it('is started by npm start and npm run serve exactly as these tests start it', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const command = `node ${PROXY_NODE_ARGS.join(' ')}`;
    expect(scripts.serve).toBe(command);
    expect(scripts.start).toBe(`npm run build && ${command}`);
  });

  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-data-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('serves https with a self-signed certificate under data/ when none can be trusted, and stops gracefully', async () => {
    const s = start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEV_CERTS: '0' });
    try {
      const port = await listeningPort(s);
      const health = await getJson(`https://127.0.0.1:${port}/healthz`);
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', organisations: 1 } });
      expect(fs.existsSync(path.join(dataDir, 'tls', 'localhost.crt'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'bridge.db'))).toBe(true);
      expect(s.output()).toMatch(/self-signed certificate .* Excel does not trust/);
    } finally {
      s.child.kill('SIGTERM');
    }
    expect(await s.exited).toBe(0);
  });

  it('stops with one line naming the variable when the configuration is wrong', async () => {
    const s = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await s.exited).toBe(1);
    expect(s.output().trim()).toBe('Configuration error: PORT="eighty" is not valid: Invalid input: expected number, received NaN');
  });

  it('stops naming the file and field when a XERO_SNAPSHOT file is malformed', async () => {
    const folder = path.join(dataDir, 'snapshot');
    fs.mkdirSync(folder);
    for (const f of fs.readdirSync(DEMO_SNAPSHOT_DIR)) fs.copyFileSync(path.join(DEMO_SNAPSHOT_DIR, f), path.join(folder, f));
    const accounts = JSON.parse(fs.readFileSync(path.join(folder, 'Accounts.json'), 'utf8'));
    accounts.Accounts[2].EnablePaymentsToAccount = 'yes';
    fs.writeFileSync(path.join(folder, 'Accounts.json'), JSON.stringify(accounts));
    const s = start({ PORT: '0', HTTP: '1', DATA_DIR: dataDir, XERO_SNAPSHOT: folder });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain('Accounts.json: field Accounts[2].EnablePaymentsToAccount: expected true or false');
  });
});
