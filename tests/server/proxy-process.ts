import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { ROOT } from '../../server/paths';

/**
 * How `npm start` and `npm run serve` run the proxy: the bundle `npm run build` makes (the tests' global setup
 * makes it afresh). Its own thread keeps V8's default young generation: plans are made in the plan threads, which
 * have a large one of their own (server/mapping/checks-pool.ts), and a 64 MB semi-space here made the cold load of a
 * 100,000-invoice organisation ~0.15 s slower (every record it reads survives, and is copied by each scavenge)
 * without making plans any quicker (load bench, 2026-12-05).
 */
export const PROXY_NODE_ARGS = ['--enable-source-maps', 'dist/server.cjs'];

export type RunningProxy = { child: ChildProcess; port: number; origin: string; exited: Promise<void>; output: () => string; stop: () => Promise<void> };

/**
 * Starts the real proxy (`server/main.ts`) as its own process on a free loopback port, with its data under
 * `dataDir`: plain HTTP by default, or HTTPS with the self-signed localhost certificate it makes for itself.
 */
export function startProxy(dataDir: string, options: { https?: boolean; env?: Record<string, string> } = {}): Promise<RunningProxy> {
  return new Promise((resolve, reject) => {
    const tlsEnv = options.https ? { DEV_CERTS: '0' } : { HTTP: '1' };
    // One process running the server itself (not a wrapper such as the tsx command, which runs the server as a
    // child of its own, so that a SIGKILL would kill only the wrapper and leave the server running).
    const child = spawn(process.execPath, PROXY_NODE_ARGS, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...tlsEnv, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Listen for the exit at once: a SIGKILLed process may be gone before anyone awaits it.
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the proxy did not start in 60 s:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (https?):\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[2]);
        resolve({
          child,
          port,
          origin: `${m[1]}://127.0.0.1:${port}`,
          exited,
          output: () => out,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the proxy stopped (${code}) before listening:\n${out}`)));
  });
}

/**
 * Runs the proxy with these settings until it stops by itself, or until it listens (then it is stopped): its exit
 * code, everything it printed, and the lines meant for a person (the log's JSON lines left out).
 */
export function runProxyOnce(env: Record<string, string>): Promise<{ code: number | null; output: string; said: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, PROXY_NODE_ARGS, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', HOST: '127.0.0.1', HTTP: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (/listening on/.test(output)) child.kill('SIGTERM');
    });
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      const said = output
        .trim()
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('{'));
      resolve({ code, output, said });
    });
  });
}
