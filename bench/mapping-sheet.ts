import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { createApiClient } from '../addin/api/client';
import { sheetActions } from '../addin/mapping/sheet-actions';
import type { Progress } from '../addin/mapping/in-parts';
import { sessionResponseSchema } from '../core/contract';
import { DEMO_TENANT_ID } from '../scripts/demo/generator';
import { WorkbookDouble } from '../tests/doubles/excel-workbook';
import { testApp } from '../tests/server/helpers';
import { figure, heading, ms, target } from './format';

const ROWS = 50_000;

function csv(): string {
  const names = ['Sales', 'Online Store Sales', 'Wholesale Sales', 'Other Revenue'];
  const lines = ['Source Code,Name,Role'];
  for (let i = 1; i <= ROWS; i++) lines.push(`POS-${String(i).padStart(6, '0')},${names[i % names.length]} ${i % 7 ? 'shop' : 'web'},revenue`);
  return lines.join('\n');
}

/**
 * A 50,000-row account mapping sheet end to end, as the pane runs it (the Mapping tab's own actions), against the
 * recording workbook and the proxy on loopback: fill from CSV → suggest → accept → approve → preview → apply.
 * Time, workbook syncs (and the largest) and proxy requests per step.
 */
export async function benchMappingSheet(): Promise<void> {
  heading(`Mapping sheet: ${ROWS.toLocaleString()} account rows end to end through the pane's actions and the proxy`);
  const server = http.createServer(testApp({ freshDemo: true }).app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let requests = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((url: string, init?: RequestInit) => {
    requests++;
    return realFetch(`${base}${url}`, init);
  }) as typeof fetch;
  const workbook = new WorkbookDouble();
  (globalThis as { Excel?: unknown }).Excel = workbook.excelGlobal();
  try {
    const login = await realFetch(`${base}/auth/demo`, { method: 'POST' });
    const { token } = sessionResponseSchema.parse(await login.json());
    const api = createApiClient(() => token);
    const organisation = (await api.call('organisations')).organisations.find((o) => o.tenantId === DEMO_TENANT_ID)!;
    let version: number | null = null;
    const actions = sheetActions({
      api,
      organisation,
      kind: 'accounts',
      planVersion: () => version,
      previewed: (v) => (version = v),
      filled: () => undefined,
      offerRemoval: () => undefined,
    });
    const progress: Progress = { step: () => undefined, cancelled: false };
    const file = new File([csv()], 'pos.csv', { type: 'text/csv' });
    const steps: Array<[string, () => Promise<string>]> = [
      ['fill from CSV', () => actions.fillFromCsv.work(progress, file)],
      ['suggest and check', () => actions.suggest.work(progress)],
      ['accept suggestions (any confidence)', () => actions.acceptSuggestions.work(progress, 0)],
      ['approve rows without errors', () => actions.approve.work(progress)],
      ['preview', () => actions.preview.work(progress)],
      ['apply', () => actions.apply.work(progress)],
    ];
    let total = 0;
    let last = '';
    for (const [name, step] of steps) {
      const [syncs0, requests0] = [workbook.syncs.length, requests];
      const t = process.hrtime.bigint();
      last = await step();
      const took = ms(t);
      total += took;
      const syncs = workbook.syncs.slice(syncs0);
      const largest = Math.max(0, ...syncs.map((s) => s.bytes));
      figure(name, `${took.toFixed(0)} ms`, `${syncs.length} syncs (largest ${(largest / 1024 / 1024).toFixed(2)} MB), ${requests - requests0} requests`);
    }
    figure('end to end', `${(total / 1000).toFixed(1)} s`, last);
    const largest = Math.max(...workbook.syncs.map((s) => s.bytes));
    target('50,000-row sheet: every sync within 4 MB (Excel on the web refuses 5 MB)', largest <= 4 * 1024 * 1024, `${(largest / 1024 / 1024).toFixed(2)} MB`);
    target('50,000-row sheet: every row written, as one run', /50000 written/.test(last) && /one run/.test(last), last);
  } finally {
    globalThis.fetch = realFetch;
    server.close();
  }
}
