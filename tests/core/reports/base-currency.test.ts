import { defaultAgeingOptions } from '../../../core/contract/reports';
import type { AgeingOptions } from '../../../core/contract/reports';
import { isoDate } from '../../../core/dates';
import { accountSummary } from '../../../core/reports/account-summary';
import { ageingReport } from '../../../core/reports/ageing';
import { fxLedger } from './fx-ledger';
import { LedgerBuilder } from './ledger-builder';

/**
 * Worked cases in base currency (AUD). A foreign document is posted at its own rate (amount ÷ rate,
 * rounded half away from zero); an allocation between documents at different rates leaves a realised
 * currency gain or loss, which is Xero's currency-gains account's and never the contact's.
 */
const ageing = (b: LedgerBuilder, asAt: string, o: Partial<AgeingOptions> = {}) =>
  ageingReport(b.ledger, { ...defaultAgeingOptions(isoDate(asAt)), includeUnappliedCredits: true, detail: 'invoices', ...o });
const summary = (b: LedgerBuilder, to: string, side: 'receivables' | 'payables' = 'receivables') =>
  accountSummary(b.ledger, { side, from: isoDate('2026-01-01'), to: isoDate(to), contactIds: null, currency: 'base' });
const linesOf = (b: LedgerBuilder, asAt: string, o: Partial<AgeingOptions> = {}) =>
  (ageing(b, asAt, o).rows[0]?.lines ?? []).map((l) => [l.number, l.currency, l.documentAmount, l.baseAmount]);

describe('base currency: a partly used credit keeps its own rate', () => {
  // Invoice USD 1,000.00 at 0.65 → AUD 1,538.46; credit note USD 400.00 at 0.70 → AUD 571.43.
  // USD 100.00 of the credit goes to the invoice: 153.85 off the invoice (at 0.65), 142.86 off the credit (at 0.70).
  const b = new LedgerBuilder();
  const invoice = b.invoice({ date: '2026-03-01', total: 1000_00, currency: 'USD', rate: 0.65, number: 'INV-1' });
  b.creditNote({ date: '2026-03-05', total: 400_00, currency: 'USD', rate: 0.7, allocations: [{ invoice, amount: 100_00, date: '2026-03-10' }] });
  const cn = b.ledger.creditNotes[0]!;

  it("values the credit's remainder at the credit's rate, not the invoice's", () => {
    expect(linesOf(b, '2026-03-31')).toEqual([
      ['INV-1', 'USD', 900_00, 1538_46 - 153_85],
      [cn.number, 'USD', -300_00, -(571_43 - 142_86)],
    ]);
    expect(ageing(b, '2026-03-31').totals).toEqual([{ currency: 'AUD', columns: expect.any(Array), total: 1384_61 - 428_57 }]);
  });

  it('puts the realised difference on its own summary line, so the closing balance equals the ageing total', () => {
    const [c] = summary(b, '2026-03-31').contacts;
    expect(c!.lines.map((l) => [l.kind, l.debit, l.credit])).toEqual([
      ['invoice', 1538_46, 0],
      ['credit-note', 0, 571_43],
      ['currency-difference', 0, 153_85 - 142_86],
    ]);
    expect(c!.lines[2]).toMatchObject({ date: '2026-03-10', number: cn.number, reference: 'INV-1' });
    expect(c!.closing).toBe(956_04);
    expect(ageing(b, '2026-03-31').totals[0]!.total).toBe(956_04);
  });

  it('has no currency difference in the document currency, where the allocation nets to nothing', () => {
    const [c] = accountSummary(b.ledger, {
      side: 'receivables',
      from: isoDate('2026-01-01'),
      to: isoDate('2026-03-31'),
      contactIds: null,
      currency: 'document',
    }).contacts;
    expect(c!.lines.map((l) => l.kind)).toEqual(['invoice', 'credit-note']);
    expect(c!.closing).toBe(600_00);
  });
});

describe('base currency: a credit used up in two steps leaves nothing behind', () => {
  // Credit USD 100.00 at 0.30 → 333.33; invoice USD 300.00 at 0.25 → 1,200.00; two allocations of USD 50.00.
  // On the credit: 166.67, then the remainder 166.66 (not 166.67 again). On the invoice: 200.00 each.
  const b = new LedgerBuilder();
  const invoice = b.invoice({ date: '2026-03-01', total: 300_00, currency: 'USD', rate: 0.25, number: 'INV-1' });
  b.creditNote({
    date: '2026-03-02',
    total: 100_00,
    currency: 'USD',
    rate: 0.3,
    allocations: [
      { invoice, amount: 50_00, date: '2026-03-10' },
      { invoice, amount: 50_00, date: '2026-03-20' },
    ],
  });

  it('between the allocations, values what is left of the credit at its own rate', () => {
    expect(linesOf(b, '2026-03-15').map((l) => l[3])).toEqual([1000_00, -166_66]);
    expect(ageing(b, '2026-03-15').totals[0]!.total).toBe(833_34);
    expect(summary(b, '2026-03-15').contacts[0]!.closing).toBe(833_34);
  });

  it('when the credit is used up, nothing jumps: the invoice alone is left, at its own rate', () => {
    expect(linesOf(b, '2026-03-31')).toEqual([['INV-1', 'USD', 200_00, 800_00]]);
    const [c] = summary(b, '2026-03-31').contacts;
    expect(c!.lines.filter((l) => l.kind === 'currency-difference').map((l) => l.credit)).toEqual([33_33, 33_34]);
    expect(c!.closing).toBe(800_00);
  });
});

describe('base currency: payables, an overpayment, and payments', () => {
  it('a supplier credit fully used on a bill at another rate: the bill is left at its own rate', () => {
    // Bill EUR 500.00 at 0.60 → 833.33; supplier credit EUR 200.00 at 0.55 → 363.64, all of it on the bill (333.33 at 0.60).
    const b = new LedgerBuilder();
    const bill = b.invoice({ date: '2026-03-01', total: 500_00, currency: 'EUR', rate: 0.6, type: 'ACCPAY', number: 'BILL-1' });
    b.creditNote({
      date: '2026-03-03',
      total: 200_00,
      currency: 'EUR',
      rate: 0.55,
      type: 'ACCPAYCREDIT',
      allocations: [{ invoice: bill, amount: 200_00, date: '2026-03-03' }],
    });
    expect(linesOf(b, '2026-03-31', { side: 'payables' })).toEqual([['BILL-1', 'EUR', 300_00, 500_00]]);
    const [c] = summary(b, '2026-03-31', 'payables').contacts;
    expect(c!.lines.map((l) => [l.kind, l.debit, l.credit])).toEqual([
      ['invoice', 833_33, 0],
      ['credit-note', 0, 363_64],
      ['currency-difference', 363_64 - 333_33, 0],
    ]);
    expect(c!.closing).toBe(500_00);
  });

  it("an overpayment's unallocated remainder is at the overpayment's rate", () => {
    // Overpayment USD 50.00 at 0.64 → 78.13 (78.125 rounds away from zero); USD 20.00 of it on an invoice at 0.65.
    const b = new LedgerBuilder();
    const invoice = b.invoice({ date: '2026-03-01', total: 20_00, currency: 'USD', rate: 0.65, number: 'INV-1' });
    b.prepaid('overpayment', { date: '2026-03-02', total: 50_00, currency: 'USD', rate: 0.64, allocations: [{ invoice, amount: 20_00, date: '2026-03-02' }] });
    expect(linesOf(b, '2026-03-31').map((l) => l.slice(1))).toEqual([['USD', -30_00, -(78_13 - 31_25)]]);
    expect(summary(b, '2026-03-31').contacts[0]!.closing).toBe(-46_88);
  });

  it("payments clear an invoice at the invoice's rate, whatever the payment's own rate, and the last clears what is left", () => {
    // Invoice USD 100.00 at 0.30 → 333.33; two payments of USD 50.00 at other rates: 166.67, then 166.66.
    const b = new LedgerBuilder();
    const invoice = b.invoice({ date: '2026-03-01', total: 100_00, currency: 'USD', rate: 0.3, number: 'INV-1' });
    b.pay(invoice, { date: '2026-03-10', amount: 50_00, rate: 0.31 });
    b.pay(invoice, { date: '2026-03-20', amount: 50_00, rate: 0.29 });
    expect(linesOf(b, '2026-03-15')).toEqual([['INV-1', 'USD', 50_00, 166_66]]);
    expect(ageing(b, '2026-03-31').rows).toEqual([]);
    const [c] = summary(b, '2026-03-31').contacts;
    expect(c!.lines.map((l) => l.credit)).toEqual([0, 166_67, 166_66]);
    expect(c!.closing).toBe(0);
  });
});

describe('the invariant in base currency on a generated multi-currency ledger: closing balance = ageing total', () => {
  const b = fxLedger('fx-invariant', 3000);
  const dates = ['2025-02-15', '2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31', '2026-06-30', '2026-12-31'];

  it('has foreign credits allocated to invoices at other rates', () => {
    const rates = new Map(b.ledger.invoices.map((i) => [i.invoiceId, i.currencyRate]));
    const crossRate = [...b.ledger.creditNotes, ...b.ledger.overpayments, ...b.ledger.prepayments].filter((c) =>
      c.allocations.some((a) => rates.get(a.invoiceId) !== c.currencyRate),
    );
    expect(crossRate.length).toBeGreaterThan(500);
  });

  it.each(dates)('holds to the cent for every contact at %s, both sides, in base and in document currency', (D) => {
    const problems: string[] = [];
    let open = 0;
    for (const side of ['receivables', 'payables'] as const)
      for (const currency of ['base', 'document'] as const) {
        const s = accountSummary(b.ledger, { side, from: isoDate('1900-01-01'), to: isoDate(D), contactIds: null, currency });
        const a = ageing(b, D, { side, currency });
        const aged = new Map(a.rows.map((r) => [`${r.contactId}|${r.currency}`, r.total]));
        for (const c of s.contacts) {
          const total = aged.get(`${c.contactId}|${c.currency}`) ?? 0;
          if (c.closing !== total) problems.push(`${side} ${currency} ${c.contactName} ${c.currency}: summary ${c.closing}, ageing ${total}`);
        }
        open += a.rows.reduce((n, r) => n + (r.lines?.length ?? 0), 0);
      }
    expect(problems).toEqual([]);
    expect(open).toBeGreaterThan(0);
  });
});
