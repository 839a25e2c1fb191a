import { isoDate } from '../../../core/dates';
import type { CreditNote, Invoice, Ledger, Overpayment, Payment } from '../../../core/domain';
import { cents } from '../../../core/money';

/** Small hand-made ledgers for the report rules: amounts in cents, dates as yyyy-mm-dd. */
export class LedgerBuilder {
  private n = 0;
  readonly ledger: Pick<Ledger, 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments' | 'organisation'> = {
    organisation: {
      tenantId: 't',
      name: 'Test Org',
      legalName: null,
      baseCurrency: 'AUD',
      countryCode: 'AU',
      timezone: null,
      shortCode: null,
      source: 'snapshot',
    },
    invoices: [],
    creditNotes: [],
    overpayments: [],
    prepayments: [],
    payments: [],
  };

  private id(prefix: string): string {
    return `${prefix}-${++this.n}`;
  }

  invoice(o: {
    contact?: string;
    date: string;
    due?: string | null;
    total: number;
    status?: string;
    type?: string;
    currency?: string;
    rate?: number;
    number?: string;
  }): Invoice {
    const id = this.id('inv');
    const invoice: Invoice = {
      invoiceId: id,
      type: o.type ?? 'ACCREC',
      number: o.number ?? id.toUpperCase(),
      reference: null,
      dueDate: o.due === null ? null : isoDate(o.due ?? o.date),
      subTotal: cents(o.total),
      totalTax: cents(0),
      amountDue: cents(o.total),
      amountPaid: cents(0),
      amountCredited: cents(0),
      contactId: o.contact ?? 'c1',
      contactName: o.contact === 'c2' ? 'Second Customer' : 'First Customer',
      date: isoDate(o.date),
      status: o.status ?? 'AUTHORISED',
      currencyCode: o.currency ?? 'AUD',
      currencyRate: o.rate ?? 1,
      total: cents(o.total),
      updatedAt: null,
    };
    this.ledger.invoices.push(invoice);
    return invoice;
  }

  pay(
    target: { invoiceId?: string; creditNoteId?: string; creditId?: string },
    o: { date: string; amount: number; status?: string; kind?: 'overpayment' | 'prepayment'; rate?: number },
  ): Payment {
    const payment: Payment = {
      paymentId: this.id('pay'),
      paymentType: target.invoiceId ? 'ACCRECPAYMENT' : 'ARCREDITPAYMENT',
      status: o.status ?? 'AUTHORISED',
      date: isoDate(o.date),
      amount: cents(o.amount),
      currencyRate: o.rate ?? 1,
      invoiceId: target.invoiceId ?? null,
      creditNoteId: target.creditNoteId ?? null,
      overpaymentId: o.kind === 'overpayment' ? (target.creditId ?? null) : null,
      prepaymentId: o.kind === 'prepayment' ? (target.creditId ?? null) : null,
      accountId: null,
      accountCode: '090',
      reference: null,
      updatedAt: null,
    };
    this.ledger.payments.push(payment);
    return payment;
  }

  creditNote(o: {
    contact?: string;
    date: string;
    total: number;
    allocations?: Array<{ invoice: Invoice; amount: number; date: string }>;
    status?: string;
    currency?: string;
    rate?: number;
    type?: 'ACCRECCREDIT' | 'ACCPAYCREDIT';
  }): CreditNote {
    const id = this.id('cn');
    const note: CreditNote = {
      creditNoteId: id,
      type: o.type ?? 'ACCRECCREDIT',
      number: id.toUpperCase(),
      reference: null,
      remainingCredit: cents(0),
      allocations: (o.allocations ?? []).map((a) => ({ invoiceId: a.invoice.invoiceId, amount: cents(a.amount), date: isoDate(a.date) })),
      contactId: o.contact ?? 'c1',
      contactName: o.contact === 'c2' ? 'Second Customer' : 'First Customer',
      date: isoDate(o.date),
      status: o.status ?? 'AUTHORISED',
      currencyCode: o.currency ?? 'AUD',
      currencyRate: o.rate ?? 1,
      total: cents(o.total),
      updatedAt: null,
    };
    this.ledger.creditNotes.push(note);
    return note;
  }

  prepaid(
    kind: 'overpayment' | 'prepayment',
    o: {
      contact?: string;
      date: string;
      total: number;
      allocations?: Array<{ invoice: Invoice; amount: number; date: string }>;
      currency?: string;
      rate?: number;
      side?: 'RECEIVE' | 'SPEND';
    },
  ): Overpayment {
    const credit: Overpayment = {
      creditId: this.id(kind),
      type: `${o.side ?? 'RECEIVE'}-${kind.toUpperCase()}`,
      remainingCredit: cents(0),
      allocations: (o.allocations ?? []).map((a) => ({ invoiceId: a.invoice.invoiceId, amount: cents(a.amount), date: isoDate(a.date) })),
      contactId: o.contact ?? 'c1',
      contactName: o.contact === 'c2' ? 'Second Customer' : 'First Customer',
      date: isoDate(o.date),
      status: 'AUTHORISED',
      currencyCode: o.currency ?? 'AUD',
      currencyRate: o.rate ?? 1,
      total: cents(o.total),
      updatedAt: null,
    };
    (kind === 'overpayment' ? this.ledger.overpayments : this.ledger.prepayments).push(credit);
    return credit;
  }
}
