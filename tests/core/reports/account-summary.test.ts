import { isoDate } from '../../../core/dates';
import type { IsoDate } from '../../../core/dates';
import { accountSummary } from '../../../core/reports/account-summary';
import type { SummaryOptions } from '../../../core/reports/account-summary';
import { ageingReport } from '../../../core/reports/ageing';
import { defaultAgeingOptions } from '../../../core/contract/reports';
import { generateDemo } from '../../../scripts/demo/generator';
import { ledgerFromRaw } from '../../../server/xero/deserialize';
import { LedgerBuilder } from './ledger-builder';

const options = (o: Partial<SummaryOptions> = {}): SummaryOptions => ({
  side: 'receivables',
  from: isoDate('2026-03-01'),
  to: isoDate('2026-03-31'),
  contactIds: null,
  currency: 'base',
  ...o,
});

describe('running account summary', () => {
  it('opens with everything before the period, runs line by line, and closes = opening + debits − credits', () => {
    const b = new LedgerBuilder();
    const old = b.invoice({ date: '2026-02-01', total: 100_00 });
    b.pay(old, { date: '2026-02-20', amount: 40_00 });
    const inv = b.invoice({ date: '2026-03-10', total: 250_00, number: 'INV-2' });
    b.creditNote({ date: '2026-03-10', total: 50_00, allocations: [{ invoice: inv, amount: 50_00, date: '2026-03-10' }] });
    b.pay(inv, { date: '2026-03-10', amount: 100_00 });
    b.pay(inv, { date: '2026-04-05', amount: 100_00 }); // after the period
    const [c] = accountSummary(b.ledger, options()).contacts;
    expect(c!.opening).toBe(60_00);
    // Same day: invoice, then credit note, then payment. The allocation is not a line.
    expect(c!.lines.map((l) => [l.kind, l.debit, l.credit, l.balance])).toEqual([
      ['invoice', 250_00, 0, 310_00],
      ['credit-note', 0, 50_00, 260_00],
      ['payment', 0, 100_00, 160_00],
    ]);
    expect(c!.debits).toBe(250_00);
    expect(c!.credits).toBe(150_00);
    expect(c!.closing).toBe(c!.opening + c!.debits - c!.credits);
  });

  it('counts overpayments and prepayments as cash received and refunds as cash paid back', () => {
    const b = new LedgerBuilder();
    const over = b.prepaid('overpayment', { date: '2026-03-02', total: 70_00 });
    b.pay({ creditId: over.creditId }, { date: '2026-03-20', amount: 20_00, kind: 'overpayment' });
    const [c] = accountSummary(b.ledger, options()).contacts;
    expect(c!.lines.map((l) => [l.kind, l.debit, l.credit])).toEqual([
      ['overpayment', 0, 70_00],
      ['refund', 20_00, 0],
    ]);
    expect(c!.closing).toBe(-50_00);
  });

  it('leaves out draft and voided documents and deleted payments', () => {
    const b = new LedgerBuilder();
    b.invoice({ date: '2026-03-05', total: 10_00, status: 'DRAFT' });
    const v = b.invoice({ date: '2026-03-05', total: 10_00, status: 'AUTHORISED' });
    b.pay(v, { date: '2026-03-06', amount: 10_00, status: 'DELETED' });
    const [c] = accountSummary(b.ledger, options()).contacts;
    expect(c!.lines).toHaveLength(1);
    expect(c!.closing).toBe(10_00);
  });
});

describe('the invariant: closing balance at D equals the ageing total at D (unapplied credits included)', () => {
  const raw = generateDemo({ seed: 'invariant', customers: 60, suppliers: 20, salesInvoices: 4200, bills: 1400 });
  const ledger = ledgerFromRaw(raw, 'snapshot');
  const dates = ['2025-06-30', '2025-09-15', '2025-12-31', '2026-02-28', '2026-05-31', '2026-08-01', '2026-10-31', '2026-11-27'].map(isoDate);

  it('is checked on a generated ledger of at least 5,000 documents', () => {
    expect(ledger.invoices.length + ledger.creditNotes.length + ledger.overpayments.length + ledger.prepayments.length).toBeGreaterThanOrEqual(5000);
  });

  const compare = (D: IsoDate, side: 'receivables' | 'payables', currency: 'base' | 'document') => {
    const summary = accountSummary(ledger, { side, from: isoDate('1900-01-01'), to: D, contactIds: null, currency });
    const ageing = ageingReport(ledger, { ...defaultAgeingOptions(D), side, currency, includeUnappliedCredits: true, detail: 'invoices' });
    const aged = new Map(ageing.rows.map((r) => [`${r.contactId}|${r.currency}`, r]));
    const problems: string[] = [];
    let checked = 0;
    for (const s of summary.contacts) {
      const row = aged.get(`${s.contactId}|${s.currency}`);
      const total = row?.total ?? 0;
      // Exact in base currency too: each settling movement clears its document's remainder, and allocations' currency differences are lines.
      if (s.closing !== total) problems.push(`${s.contactName} ${s.currency} at ${D}: summary ${s.closing}, ageing ${total}`);
      checked++;
    }
    for (const row of ageing.rows)
      if (!summary.contacts.some((s) => s.contactId === row.contactId && s.currency === row.currency)) problems.push(`${row.contactName} only in ageing`);
    return { problems, checked };
  };

  it.each(dates)('holds exactly in document currency at %s, both sides', (D) => {
    for (const side of ['receivables', 'payables'] as const) {
      const { problems, checked } = compare(D, side, 'document');
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    }
  });

  it.each(dates)('holds to the cent in base currency at %s', (D) => {
    for (const side of ['receivables', 'payables'] as const) {
      expect(compare(D, side, 'base').problems).toEqual([]);
    }
  });
});
