import seedrandom from 'seedrandom';
import { addDays, isoDate } from '../../../core/dates';
import type { IsoDate } from '../../../core/dates';
import type { Invoice } from '../../../core/domain';
import { LedgerBuilder } from './ledger-builder';

/**
 * A generated multi-currency ledger for the base-currency rules: invoices and bills in AUD (base), USD,
 * EUR and NZD at rates that move day by day; partial and full payments at the payment day's rate;
 * credit notes, overpayments and prepayments at their own day's rate, allocated to invoices at other
 * rates in one or more steps, partly or fully; some credits refunded in cash.
 */
const CURRENCIES = ['AUD', 'USD', 'EUR', 'NZD'] as const;
const START = isoDate('2025-01-01');

export function fxLedger(seed: string, documents: number): LedgerBuilder {
  const rng = seedrandom(seed);
  const b = new LedgerBuilder();
  const between = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const rateOn = (currency: string) =>
    currency === 'AUD' ? 1 : Number(((currency === 'USD' ? 0.65 : currency === 'EUR' ? 0.6 : 1.08) * (0.9 + rng() * 0.2)).toFixed(4));
  const day = () => addDays(START, between(0, 640));
  for (let n = 0; n < documents; n++) {
    const payables = rng() < 0.35;
    const contact = `c${between(1, 20)}`;
    const currency = CURRENCIES[between(0, 3)] as string;
    const date = day();
    const total = between(5_00, 20_000_00);
    const invoice = b.invoice({ contact, date, total, currency, rate: rateOn(currency), type: payables ? 'ACCPAY' : 'ACCREC', due: addDays(date, 30) });
    let open = total;
    // Credits at their own rate, allocated in one to three steps.
    if (rng() < 0.45) open -= credit(b, invoice, open, { rng, between, rateOn, payables });
    // Payments: none, part, or the rest.
    const payments = between(0, 2);
    for (let p = 0; p < payments && open > 0; p++) {
      const amount = p === payments - 1 && rng() < 0.6 ? open : between(1, open);
      b.pay(invoice, { date: addDays(date, between(0, 90)), amount, rate: rateOn(currency) });
      open -= amount;
    }
  }
  return b;
}

type Tools = { rng: () => number; between: (lo: number, hi: number) => number; rateOn: (currency: string) => number; payables: boolean };

/** A credit for the invoice (a credit note, overpayment or prepayment), some of it allocated; returns what was allocated. */
function credit(b: LedgerBuilder, invoice: Invoice, open: number, t: Tools): number {
  const { rng, between, rateOn, payables } = t;
  const total = between(1_00, Math.max(1_00, Math.round(open * 1.3)));
  const steps = between(1, 3);
  const date = addDays(invoice.date, between(-10, 40));
  const allocations: Array<{ invoice: Invoice; amount: number; date: string }> = [];
  let left = Math.min(total, open);
  for (let s = 0; s < steps && left > 0; s++) {
    const amount = s === steps - 1 && rng() < 0.5 ? left : between(1, left);
    allocations.push({ invoice, amount, date: addDays(date, between(0, 60)) as IsoDate });
    left -= amount;
  }
  const allocated = allocations.reduce((sum, a) => sum + a.amount, 0);
  const o = { contact: invoice.contactId, date, total, currency: invoice.currencyCode, rate: rateOn(invoice.currencyCode), allocations };
  const pick = rng();
  if (pick < 0.6) {
    const note = b.creditNote({ ...o, type: payables ? 'ACCPAYCREDIT' : 'ACCRECCREDIT' });
    if (allocated < total && rng() < 0.3) b.pay(note, { date: addDays(date, between(1, 30)), amount: total - allocated, rate: rateOn(invoice.currencyCode) });
  } else b.prepaid(pick < 0.8 ? 'overpayment' : 'prepayment', { ...o, side: payables ? 'SPEND' : 'RECEIVE' });
  return allocated;
}
