import type { Cents } from '../money';
import { convertAtRate } from '../money';
import type { IsoDate } from '../dates';
import type { CreditNote, Invoice, Ledger, Overpayment, Payment, Prepayment } from '../domain';

/**
 * The shared reading of a ledger for the reports: which documents count, on which side, and every
 * amount that moves their balances, each in the document's own currency and at the document's rate.
 */

export type Side = 'receivables' | 'payables';

export type DocumentKind = 'invoice' | 'credit-note' | 'overpayment' | 'prepayment';

export const COUNTING_STATUSES = new Set(['AUTHORISED', 'PAID']);

const INVOICE_TYPE: Record<Side, string> = { receivables: 'ACCREC', payables: 'ACCPAY' };
const CREDIT_NOTE_TYPE: Record<Side, string> = { receivables: 'ACCRECCREDIT', payables: 'ACCPAYCREDIT' };
const PREPAID_PREFIX: Record<Side, string> = { receivables: 'RECEIVE', payables: 'SPEND' };

/** A document that counts on a side: an invoice (positive) or a credit (credit note, overpayment, prepayment). */
export type ReportDocument = {
  kind: DocumentKind;
  id: string;
  number: string | null;
  reference: string | null;
  contactId: string;
  contactName: string;
  date: IsoDate;
  dueDate: IsoDate | null;
  currency: string;
  rate: number;
  total: Cents;
};

/** A movement against a document: cash paid or refunded, or credit allocated, on a date. */
export type Movement = {
  documentId: string;
  amount: Cents;
  date: IsoDate;
  kind: 'payment' | 'refund' | 'allocation';
  /** For an allocation, the credit it came from; for a payment, the payment's id. */
  sourceId: string;
  reference: string | null;
};

export type SideLedger = {
  side: Side;
  documents: Map<string, ReportDocument>;
  /** Payments and allocations reducing each invoice; refunds and allocations reducing each credit. */
  movements: Map<string, Movement[]>;
  /** Payments on invoices and refunds of credits, as cash lines for the account summary. */
  cash: Movement[];
};

function later(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/**
 * Collects the documents of one side that count (AUTHORISED or PAID; never DRAFT, SUBMITTED, VOIDED or
 * DELETED), the payments that count (never DELETED) and the allocations between documents that count.
 * An allocation takes effect on the latest of its own date and the dates of both documents, as in Xero.
 */
export function sideLedger(ledger: Pick<Ledger, 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments'>, side: Side): SideLedger {
  const documents = new Map<string, ReportDocument>();
  const movements = new Map<string, Movement[]>();
  const cash: Movement[] = [];
  const push = (id: string, m: Movement) => {
    const list = movements.get(id);
    if (list) list.push(m);
    else movements.set(id, [m]);
  };

  const addInvoice = (i: Invoice) => {
    if (i.type !== INVOICE_TYPE[side] || !COUNTING_STATUSES.has(i.status)) return;
    documents.set(i.invoiceId, {
      kind: 'invoice', id: i.invoiceId, number: i.number, reference: i.reference, contactId: i.contactId, contactName: i.contactName,
      date: i.date, dueDate: i.dueDate, currency: i.currencyCode, rate: i.currencyRate, total: i.total,
    });
  };
  for (const i of ledger.invoices) addInvoice(i);

  const credits: Array<{ doc: ReportDocument; allocations: CreditNote['allocations'] }> = [];
  const addCredit = (kind: DocumentKind, c: CreditNote | Overpayment | Prepayment, id: string, number: string | null, reference: string | null, dueDate: IsoDate | null) => {
    if (!COUNTING_STATUSES.has(c.status)) return;
    const doc: ReportDocument = {
      kind, id, number, reference, contactId: c.contactId, contactName: c.contactName,
      date: c.date, dueDate, currency: c.currencyCode, rate: c.currencyRate, total: c.total,
    };
    documents.set(id, doc);
    credits.push({ doc, allocations: c.allocations });
  };
  for (const c of ledger.creditNotes) if (c.type === CREDIT_NOTE_TYPE[side]) addCredit('credit-note', c, c.creditNoteId, c.number, c.reference, null);
  for (const o of ledger.overpayments) if (o.type.startsWith(PREPAID_PREFIX[side])) addCredit('overpayment', o, o.creditId, null, null, null);
  for (const p of ledger.prepayments) if (p.type.startsWith(PREPAID_PREFIX[side])) addCredit('prepayment', p, p.creditId, null, null, null);

  for (const { doc, allocations } of credits) {
    for (const a of allocations) {
      const invoice = documents.get(a.invoiceId);
      if (!invoice || invoice.kind !== 'invoice') continue;
      const date = later(later(a.date, invoice.date), doc.date);
      push(invoice.id, { documentId: invoice.id, amount: a.amount, date, kind: 'allocation', sourceId: doc.id, reference: doc.number });
      push(doc.id, { documentId: doc.id, amount: a.amount, date, kind: 'allocation', sourceId: invoice.id, reference: invoice.number });
    }
  }

  for (const p of ledger.payments) {
    if (p.status === 'DELETED') continue;
    const target = paymentTarget(p);
    const doc = target ? documents.get(target) : undefined;
    if (!doc) continue;
    const date = later(p.date, doc.date);
    const m: Movement = { documentId: doc.id, amount: p.amount, date, kind: doc.kind === 'invoice' ? 'payment' : 'refund', sourceId: p.paymentId, reference: p.reference };
    push(doc.id, m);
    cash.push(m);
  }
  return { side, documents, movements, cash };
}

function paymentTarget(p: Payment): string | null {
  return p.invoiceId ?? p.creditNoteId ?? p.overpaymentId ?? p.prepaymentId ?? null;
}

/** The amount of a document or movement in base currency: converted at the document's rate, to the cent. */
export function inBase(amount: Cents, doc: ReportDocument): Cents {
  return convertAtRate(amount, doc.rate);
}
