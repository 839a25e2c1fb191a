import { ageingQuerySchema } from '../../../core/contract';
import type { MappingRow } from '../../../core/mapping/rows';
import { checkAndSuggest } from '../../../server/mapping/check-worker';
import { checkThreads, runChecks, setCheckThreads, tablesKey } from '../../../server/mapping/checks-pool';
import { buildAgeing, readReportLedger } from '../../../server/reports/build';
import { demoSource } from '../helpers';

/** Issue 14: plans' checks and suggestions run in worker threads, with the same answers as in-process. */
describe('checks and suggestions in worker threads', () => {
  const source = demoSource();
  // Two threads, as PLAN_THREADS=2 asks (on this kind of 2-core machine the default is none).
  beforeAll(() => setCheckThreads(2));

  async function task(count: number) {
    const [accounts, taxRates, contacts] = await Promise.all([source.read('accounts'), source.read('taxRates'), source.read('contacts')]);
    const tables = { accounts: accounts.records, taxRates: taxRates.records, contacts: contacts.records };
    const names = tables.contacts.map((c) => c.name);
    const rows: MappingRow[] = Array.from({ length: count }, (_, i) => ({
      row: i + 2,
      // Every 50th code repeats an earlier one; targets name real contacts, look-alikes, or nothing.
      source: `POS-${i % 50 === 49 ? i - 1 : i}`,
      name: `${names[i % names.length]} ${i % 3 ? 'Store' : ''}`,
      email: null,
      target: i % 4 === 0 ? (names[i % names.length] ?? null) : i % 7 === 0 ? 'Nobody Pty Ltd' : null,
      status: i % 5 === 0 ? 'Approved' : 'Draft',
    }));
    return { kind: 'customers' as const, rows, tables, tablesKey: tablesKey(tables), suggest: true };
  }

  it('answers exactly as the same checks run in-process, and runs them in a worker thread', async () => {
    const t = await task(2000);
    const inWorker = await runChecks(t);
    expect(checkThreads()).toBeGreaterThan(0);
    expect(inWorker).toEqual(JSON.parse(JSON.stringify(checkAndSuggest(t))));
    expect(inWorker.problems.some((p) => p.code === 'duplicate')).toBe(true);
    expect(inWorker.suggestions.filter((s) => s.target).length).toBeGreaterThan(100);
  });

  it('answers a report while a large sheet is being checked', async () => {
    const checking = runChecks(await task(10_000));
    let checked = false;
    void checking.then(() => (checked = true));
    // The event loop is free: the report is built and answered before the 10,000 rows are checked.
    const report = buildAgeing(await readReportLedger(source), ageingQuerySchema.parse({ asAt: '2026-10-31' }));
    expect(report.rows.length).toBeGreaterThan(10);
    expect(checked).toBe(false);
    expect((await checking).resolved).toHaveLength(10_000);
  });
});
