import { ageingColumns, ageingReport, columnOf, periodBoundaries } from '../../../core/reports/ageing';
import { defaultAgeingOptions } from '../../../core/contract/reports';
import type { AgeingOptions } from '../../../core/contract/reports';
import { isoDate } from '../../../core/dates';
import { LedgerBuilder } from './ledger-builder';

const asAt = isoDate('2026-03-31');
const options = (o: Partial<AgeingOptions> = {}): AgeingOptions => ({ ...defaultAgeingOptions(asAt), ...o });
const totalOf = (b: LedgerBuilder, o: Partial<AgeingOptions> = {}) => ageingReport(b.ledger, options(o)).totals[0]?.total ?? 0;

describe('ageing: what is outstanding at the as-at date', () => {
  it('takes off payments dated on or before the as-at date, and not later ones', () => {
    const b = new LedgerBuilder();
    const inv = b.invoice({ date: '2026-02-01', due: '2026-03-01', total: 100_00 });
    b.pay(inv, { date: '2026-03-15', amount: 30_00 });
    b.pay(inv, { date: '2026-03-31', amount: 20_00 });
    b.pay(inv, { date: '2026-04-02', amount: 50_00 }); // after the as-at date
    expect(totalOf(b)).toBe(50_00);
    expect(totalOf(b, { asAt: isoDate('2026-04-02') })).toBe(0);
  });

  it('never counts DRAFT, SUBMITTED, VOIDED or DELETED invoices, nor DELETED payments', () => {
    const b = new LedgerBuilder();
    for (const status of ['DRAFT', 'SUBMITTED', 'VOIDED', 'DELETED']) b.invoice({ date: '2026-03-01', total: 999_00, status });
    const inv = b.invoice({ date: '2026-03-01', total: 100_00, status: 'AUTHORISED' });
    b.pay(inv, { date: '2026-03-02', amount: 100_00, status: 'DELETED' });
    expect(totalOf(b)).toBe(100_00);
  });

  it('counts PAID invoices only for what was still open at the as-at date', () => {
    const b = new LedgerBuilder();
    const inv = b.invoice({ date: '2026-03-01', total: 80_00, status: 'PAID' });
    b.pay(inv, { date: '2026-04-10', amount: 80_00 });
    expect(totalOf(b)).toBe(80_00);
  });

  it('keeps receivables and payables apart', () => {
    const b = new LedgerBuilder();
    b.invoice({ date: '2026-03-01', total: 100_00 });
    b.invoice({ date: '2026-03-01', total: 40_00, type: 'ACCPAY' });
    expect(totalOf(b)).toBe(100_00);
    expect(totalOf(b, { side: 'payables' })).toBe(40_00);
  });

  it('shows a partly allocated credit note’s remainder as a negative amount, and its allocation off the invoice', () => {
    const b = new LedgerBuilder();
    const inv = b.invoice({ date: '2026-01-10', due: '2026-02-10', total: 500_00 });
    b.creditNote({ date: '2026-02-20', total: 200_00, allocations: [{ invoice: inv, amount: 120_00, date: '2026-02-20' }] });
    const report = ageingReport(b.ledger, options({ detail: 'invoices' }));
    const lines = report.rows[0]!.lines!;
    expect(lines.find((l) => l.kind === 'invoice')?.amount).toBe(380_00);
    expect(lines.find((l) => l.kind === 'credit-note')?.amount).toBe(-80_00);
    expect(report.rows[0]!.total).toBe(300_00);
    // Before the allocation's date, the invoice was whole and the credit note unallocated.
    const before = ageingReport(b.ledger, options({ asAt: isoDate('2026-02-19'), detail: 'invoices' }));
    expect(before.rows[0]!.lines!.map((l) => l.amount)).toEqual([500_00]);
  });

  it('takes a credit note’s cash refund off its remainder', () => {
    const b = new LedgerBuilder();
    const cn = b.creditNote({ date: '2026-03-01', total: 50_00 });
    b.pay({ creditNoteId: cn.creditNoteId }, { date: '2026-03-10', amount: 50_00 });
    expect(totalOf(b, { asAt: isoDate('2026-03-05') })).toBe(-50_00);
    expect(ageingReport(b.ledger, options()).rows).toHaveLength(0);
  });

  it('shows prepayments and overpayments only when unapplied credits are included; their allocations always count', () => {
    const b = new LedgerBuilder();
    const inv = b.invoice({ date: '2026-03-01', total: 300_00 });
    b.prepaid('prepayment', { date: '2026-02-01', total: 500_00, allocations: [{ invoice: inv, amount: 200_00, date: '2026-03-01' }] });
    expect(totalOf(b)).toBe(100_00);
    expect(totalOf(b, { includeUnappliedCredits: true })).toBe(100_00 - 300_00);
  });

  it('converts a foreign-currency invoice at its own rate, each line rounded half away from zero', () => {
    const b = new LedgerBuilder();
    const inv = b.invoice({ date: '2026-03-01', total: 100_00, currency: 'USD', rate: 0.65 });
    b.pay(inv, { date: '2026-03-05', amount: 33_33 });
    // 100.00 / 0.65 = 153.846… → 153.85; 33.33 / 0.65 = 51.2769… → 51.28
    expect(totalOf(b)).toBe(153_85 - 51_28);
    const inDocument = ageingReport(b.ledger, options({ currency: 'document' }));
    expect(inDocument.rows.map((r) => [r.currency, r.total])).toEqual([['USD', 66_67]]);
  });
});

describe('ageing periods', () => {
  it('steps calendar months from the as-at date, keeping the day and clamping to the month end', () => {
    expect(periodBoundaries(isoDate('2026-03-31'), 3, 1, 'month')).toEqual(['2026-03-31', '2026-02-28', '2026-01-31', '2025-12-31']);
    expect(periodBoundaries(isoDate('2026-02-28'), 1, 1, 'month')).toEqual(['2026-02-28', '2026-01-28']);
    expect(periodBoundaries(isoDate('2026-03-31'), 2, 2, 'week')).toEqual(['2026-03-31', '2026-03-17', '2026-03-03']);
    expect(periodBoundaries(isoDate('2026-03-31'), 2, 30, 'day')).toEqual(['2026-03-31', '2026-03-01', '2026-01-30']);
  });

  it('puts a due date of 31 Jan + 1 month (28 Feb) in period 1 at 31 March, and 27 Feb in period 2', () => {
    const b = periodBoundaries(asAt, 3, 1, 'month');
    expect(columnOf(isoDate('2026-02-28'), b, false)).toBe(1);
    expect(columnOf(isoDate('2026-02-27'), b, false)).toBe(2);
    expect(columnOf(isoDate('2026-01-31'), b, false)).toBe(2);
    expect(columnOf(isoDate('2026-01-30'), b, false)).toBe(3);
    expect(columnOf(isoDate('2025-12-30'), b, false)).toBe(4); // Older
  });

  it('counts a document due on the report date as current, or as overdue when asked', () => {
    const b = periodBoundaries(asAt, 3, 1, 'month');
    expect(columnOf(asAt, b, false)).toBe(0);
    expect(columnOf(asAt, b, true)).toBe(1);
    expect(columnOf(isoDate('2026-04-15'), b, true)).toBe(0);
  });

  it('ages by invoice date when asked', () => {
    const b = new LedgerBuilder();
    b.invoice({ date: '2026-01-15', due: '2026-04-15', total: 10_00 });
    expect(ageingReport(b.ledger, options()).rows[0]!.columns[0]).toBe(10_00);
    expect(ageingReport(b.ledger, options({ basis: 'invoice' })).rows[0]!.columns[3]).toBe(10_00);
  });

  it('titles columns by period or by date range', () => {
    expect(ageingColumns(options()).map((c) => c.title)).toEqual(['Current', '1 month', '2 months', '3 months', 'Older']);
    expect(ageingColumns(options({ titles: 'range' })).map((c) => c.title)).toEqual([
      'Current',
      '28 Feb – 30 Mar',
      '31 Jan – 27 Feb',
      '31 Dec 2025 – 30 Jan',
      'Older',
    ]);
    expect(ageingColumns(options({ unit: 'day', length: 30, periods: 2 })).map((c) => c.title)).toEqual(['Current', '1–30 days', '31–60 days', 'Older']);
  });

  it('adds every contact’s columns into the totals', () => {
    const b = new LedgerBuilder();
    b.invoice({ contact: 'c1', date: '2026-03-01', due: '2026-03-31', total: 10_00 });
    b.invoice({ contact: 'c2', date: '2026-01-01', due: '2026-02-15', total: 25_00 });
    b.invoice({ contact: 'c2', date: '2025-10-01', due: '2025-10-01', total: 5_00 });
    const report = ageingReport(b.ledger, options());
    expect(report.rows.map((r) => r.contactName)).toEqual(['First Customer', 'Second Customer']);
    expect(report.totals).toEqual([{ currency: 'AUD', columns: [10_00, 0, 25_00, 0, 5_00], total: 40_00 }]);
    expect(ageingReport(b.ledger, options({ contactIds: ['c1'] })).totals[0]!.total).toBe(10_00);
  });
});
