import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ageingQuerySchema } from '../../core/contract';
import { isoDate } from '../../core/dates';
import { buildAgeing, readReportLedger } from '../../server/reports/build';
import { statementsPdf } from '../../server/reports/pdf/statements';
import { buildStatements } from '../../server/reports/statements';
import { figure } from '../../server/reports/pdf/figures';
import { demoSource, pdfText } from './helpers';

/** Issue 16: customers' statements for the demo organisation, October 2026. */
const NOW = new Date(Date.UTC(2026, 10, 28));
const period = { from: isoDate('2026-10-01'), to: isoDate('2026-10-31') };

function pages(pdf: Buffer): number {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statements-')), 's.pdf');
  fs.writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

describe('customer statements', () => {
  it('give one statement per customer with a balance, each closing on that customer’s ageing total', async () => {
    const demo = demoSource();
    const set = await buildStatements(demo, period, NOW);
    // The ageing report as the Reports tab makes it, with unapplied credits shown.
    const ageing = buildAgeing(await readReportLedger(demo), ageingQuerySchema.parse({ asAt: '2026-10-31', includeUnappliedCredits: true }), NOW);
    const owing = ageing.rows.filter((r) => r.total !== 0);
    expect(set.statements.length).toBeGreaterThan(10);
    expect(set.statements.map((s) => s.contactId).sort()).toEqual(owing.map((r) => r.contactId).sort());
    for (const s of set.statements) {
      const row = owing.find((r) => r.contactId === s.contactId)!;
      expect(s.closing).toBe(row.total);
      expect(s.ageing.total).toBe(s.closing);
      expect(s.ageing.amounts).toEqual(row.columns);
      // The running balance runs from the opening to the closing balance.
      expect(s.lines.at(-1)?.balance ?? s.opening).toBe(s.closing);
    }
    expect(set.statements.filter((s) => s.email !== null).length).toBeGreaterThan(0);
  });

  it('print each statement on pages of its own, and the combined PDF holds them all', async () => {
    const set = await buildStatements(demoSource(), period, NOW);
    const combined = await statementsPdf(set);
    const singles = await Promise.all(set.statements.map((s) => statementsPdf(set, s)));
    const first = pdfText(singles[0]!);
    const s0 = set.statements[0]!;
    expect(first).toContain(`Statement for ${s0.contactName}, 1 Oct 2026 to 31 Oct 2026`);
    expect(first).toContain('Opening balance');
    expect(first).toContain(`Closing balance`);
    expect(first).toContain(figure(s0.closing));
    expect(first).toContain('Older');
    expect(first).toContain(`Ageing at 31 Oct 2026 by due date, in ${s0.currency}`);
    expect(first).toContain(`Figures in ${s0.currency}`);
    const text = pdfText(combined);
    for (const s of set.statements) expect(text).toContain(`Statement for ${s.contactName}`);
    // Each statement starts a page of its own: the combined PDF has exactly the pages of all the customers' own.
    expect(pages(combined)).toBe(singles.reduce((n, pdf) => n + pages(pdf), 0));
  });
});
