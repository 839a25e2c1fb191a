import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ageingQuerySchema } from '../../core/contract';
import { dateIn, resolveDate } from '../../core/schedules/relative-dates';
import { formatCents } from '../../core/money';
import { ROOT } from '../../server/paths';
import { buildAgeing, readReportLedger } from '../../server/reports/build';
import { reportLocale } from '../../server/reports/locale';
import { buildStatements } from '../../server/reports/statements';
import { isoDate } from '../../core/dates';
import { demoSource, pdfText } from '../server/helpers';

/** Issue 16: `npm run report` for cron users, on the demo organisation (no --tenant needed: it is the only one). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-report-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function report(...args: string[]) {
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/report.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: dir },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout.trim(), err: run.stderr.trim() };
}

const withCommas = (amount: string) => amount.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));

describe('npm run report', () => {
  it('writes the ageing as at the end of last month as a PDF with the organisation and its total', async () => {
    const out = path.join(dir, 'ar.pdf');
    const run = report('--report', 'ageing', '--as-at', 'end-of-last-month', '--format', 'pdf', '--out', out);
    expect(run.code).toBe(0);
    const demo = demoSource();
    const asAt = resolveDate('end-of-last-month', dateIn(reportLocale(demo.organisation).timeZone, Date.now()));
    expect(run.out).toBe(`Wrote ${out}: Aged Receivables – Demo Harbour & Vine Wines Pty Ltd – as at ${asAt} (PDF, ${fs.statSync(out).size} bytes)`);
    const expected = buildAgeing(await readReportLedger(demo), ageingQuerySchema.parse({ asAt }));
    const text = pdfText(fs.readFileSync(out));
    expect(text).toContain(demo.organisation.name);
    expect(text).toContain(withCommas(formatCents(expected.totals[0]!.total)));
  }, 60_000);

  it('writes an account summary as CSV, with outside text kept from becoming a formula', () => {
    const out = path.join(dir, 'summary.csv');
    expect(report('--report', 'summary', '--from', '2026-08-01', '--as-at', '2026-10-31', '--format', 'csv', '--out', out).code).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFContact,Currency,Date,Line,Number,Reference,Debit,Credit,Balance');
    expect(csv).toContain("'=HYPERLINK Cellars & Co,AUD,2026-08-01,Opening balance");
  }, 60_000);

  it('writes the customers’ statements for October as one PDF, a statement for each customer with a balance', async () => {
    const out = path.join(dir, 'statements.pdf');
    const run = report('--report', 'statements', '--as-at', '2026-10-31', '--format', 'pdf', '--out', out);
    expect(run.code).toBe(0);
    const set = await buildStatements(demoSource(), { from: isoDate('2026-10-01'), to: isoDate('2026-10-31') }, new Date());
    expect(run.out).toMatch(new RegExp(`^Wrote ${out}: ${set.statements.length} customer statements, 2026-10-01 to 2026-10-31 \\(PDF, \\d+ bytes\\)$`));
    const text = pdfText(fs.readFileSync(out));
    expect(text.match(/Statement for /g)?.length).toBeGreaterThanOrEqual(set.statements.length);
  }, 60_000);

  it('stops with one line naming the option and what it takes', () => {
    const run = report('--report', 'ageing', '--as-at', 'next week', '--format', 'pdf', '--out', path.join(dir, 'x.pdf'));
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'npm run report: --as-at: expected a date as yyyy-mm-dd, or one of today, yesterday, start-of-last-month, end-of-last-month, start-of-last-quarter, end-of-last-quarter, start-of-last-year, end-of-last-year',
    );
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  }, 60_000);
});
