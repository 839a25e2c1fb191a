import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ROOT } from '../server/paths';

/**
 * Runs bench/cold-child.ts in its own process; its one line of JSON. `onMessage` answers what the child asks
 * the parent to do meanwhile (change records in the Xero stand-in the parent serves, say), over the IPC channel.
 */
export function child<T>(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  onMessage?: (message: unknown) => Promise<unknown>,
): Promise<T & { pid: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', ...nodeArgs, '--import', 'tsx', 'bench/cold-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    let err = '';
    p.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    p.on('message', (message) => {
      void (onMessage ?? (() => Promise.reject(new Error('the child asked, and nobody answers'))))(message).then(
        (answer) => p.send({ answer }),
        (e: Error) => p.send({ error: e.message }),
      );
    });
    p.once('exit', (code) =>
      code === 0 ? resolve({ ...(JSON.parse(out.trim().split('\n').at(-1) as string) as T), pid: p.pid as number }) : reject(new Error(err)),
    );
  });
}

/** In the child: asks the parent (see `child`'s `onMessage`) and waits for its answer. */
export function askParent(message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    process.once('message', (reply: { answer?: unknown; error?: string }) => (reply.error ? reject(new Error(reply.error)) : resolve(reply.answer)));
    process.send?.(message);
  });
}

/** Runs `work`, measuring its wall time and the event loop's worst delay meanwhile. */
export async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; worstDelayMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // One turn of the loop first, so that the monitor's timer runs and a stall from the first line on is counted.
  await new Promise((resolve) => setTimeout(resolve, 15));
  const t = performance.now();
  const value = await work();
  const took = performance.now() - t;
  // One turn of the loop, so that a stall that lasted until now is counted.
  await new Promise((resolve) => setTimeout(resolve, 25));
  delay.disable();
  return { value, ms: took, worstDelayMs: delay.max / 1e6 };
}
