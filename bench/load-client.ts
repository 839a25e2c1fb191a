import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { ROOT } from '../server/paths';

/** Account rows as the pane sends them (1,000, or a part of a large sheet); `tag` makes every source code and name new. */
function accountRows(tag: string, count = 1000) {
  return Array.from({ length: count }, (_, i) => ({
    row: i + 2,
    source: `POS-${tag}${i}`,
    name: `Sales outlet ${tag}${i}`,
    role: 'revenue',
    target: i % 2 ? '200' : '0400',
  }));
}

/** What one run of the load client is asked for: where, how hard, and which plans it posts (if any). */
export type ClientSpec = {
  /** One URL, or several that the connections take in turn (as a reverse proxy would spread them). */
  url: string | string[];
  headers: Record<string, string>;
  connections: number;
  duration: number;
  /** Plans of account rows: the same sheet every time, or rows new in every request (`tag` and a count make them new). */
  plans?: { rows: number; fresh: boolean; tag: string };
};

/** The figures of a run that the bench prints. */
export type ClientResult = {
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
};

const planBody = (tag: string, rows: number) => JSON.stringify({ kind: 'accounts', rows: accountRows(tag, rows) });

/**
 * One autocannon run, in a process of its own (bench/load.ts starts it): the client's heap holds nothing but its
 * requests, so what the earlier benchmarks left in the bench's own process pauses none of them. Prints its figures as
 * one line of JSON.
 */
function main(spec: ClientSpec): void {
  let n = 0;
  const plans = spec.plans;
  const options: autocannon.Options = {
    // autocannon takes a list of URLs (its connections use them in turn), though its types say one.
    url: spec.url as string,
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.duration,
    ...(plans
      ? plans.fresh
        ? { method: 'POST', requests: [{ setupRequest: (req) => ({ ...req, body: planBody(`${plans.tag}${++n}-`, plans.rows) }) }] }
        : { method: 'POST', body: planBody(plans.tag, plans.rows) }
      : {}),
  };
  autocannon(options, (err, r) => {
    if (err) throw err;
    const result: ClientResult = {
      latency: { p50: r.latency.p50, p99: r.latency.p99 },
      requests: { average: r.requests.average, total: r.requests.total },
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}

/** One run of this client in a process of its own; its figures. */
export function runClient(spec: ClientSpec): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'bench/load-client.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as ClientResult) : reject(new Error(err))));
    p.stdin.end(JSON.stringify(spec));
  });
}

if (require.main === module) {
  let input = '';
  process.stdin.on('data', (d: Buffer) => (input += d.toString()));
  process.stdin.on('end', () => main(JSON.parse(input) as ClientSpec));
}
