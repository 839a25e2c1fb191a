import type { IsoDate } from '../dates';
import type { CreditNote, Invoice, Ledger, Overpayment, Payment } from '../domain';
import { convertAtRate } from '../money';
import { settleInBase } from './base-amounts';
import { COUNTING_STATUSES } from './documents';
import type { DocumentKind } from './documents';

/**
 * A ledger laid out once for reporting: every document in flat arrays, and every payment, refund and
 * allocation grouped under the document it moves (compressed rows: `moveStart[d]…moveStart[d+1]`),
 * with its amount already converted to base currency as Xero posts it (see `./base-amounts`). Building
 * it is one pass with one id lookup per payment and allocation; every report after that (any as-at
 * date, any period) is arithmetic over arrays. It is kept per ledger (by the identity of its arrays).
 */

export type IndexTables = Pick<Ledger, 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments'>;

export const KIND_INVOICE = 0;
export const KIND_CREDIT_NOTE = 1;
export const KIND_OVERPAYMENT = 2;
const KIND_PREPAYMENT = 3;
export const KIND_NAMES: DocumentKind[] = ['invoice', 'credit-note', 'overpayment', 'prepayment'];

const MOVE_PAYMENT = 0;
export const MOVE_REFUND = 1;
export const MOVE_ALLOCATION = 2;

export type Document = Invoice | CreditNote | Overpayment;

export type LedgerIndex = {
  count: number;
  docs: Document[];
  kind: Uint8Array;
  /** 1 receivables, 2 payables, 0 neither (a type the reports do not use). */
  side: Uint8Array;
  /** 1 when AUTHORISED or PAID. */
  counts: Uint8Array;
  total: Float64Array;
  totalBase: Float64Array;
  rate: Float64Array;
  date: IsoDate[];
  dueDate: (IsoDate | null)[];
  currency: string[];
  /** Each document's contact, as a slot into contactIds / contactNames. */
  contact: Int32Array;
  contactIds: string[];
  contactNames: string[];
  moveStart: Int32Array;
  moveDate: IsoDate[];
  moveAmount: Float64Array;
  moveBase: Float64Array;
  moveKind: Uint8Array;
  /** For an allocation, the same allocation's movement on the other document (-1 for payments and refunds). */
  moveTwin: Int32Array;
  /** The payment, or for an allocation the document on the other side. */
  movePartner: string[];
  moveReference: (string | null)[];
};

type Built = { index: LedgerIndex; arrays: readonly unknown[][]; lengths: number[] };
const cache = new WeakMap<object, Built>();

function sideOf(kind: number, type: string): number {
  if (kind === KIND_INVOICE) return type === 'ACCREC' ? 1 : type === 'ACCPAY' ? 2 : 0;
  if (kind === KIND_CREDIT_NOTE) return type === 'ACCRECCREDIT' ? 1 : type === 'ACCPAYCREDIT' ? 2 : 0;
  return type.startsWith('RECEIVE') ? 1 : type.startsWith('SPEND') ? 2 : 0;
}

export function idOf(kind: number, d: Document): string {
  return kind === KIND_INVOICE ? (d as Invoice).invoiceId : kind === KIND_CREDIT_NOTE ? (d as CreditNote).creditNoteId : (d as Overpayment).creditId;
}

function later(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** The ledger's index, built on first use and reused while the same arrays (of the same lengths) are passed. */
export function ledgerIndex(ledger: IndexTables): LedgerIndex {
  const arrays = [ledger.invoices, ledger.creditNotes, ledger.overpayments, ledger.prepayments, ledger.payments];
  const cached = cache.get(ledger.invoices);
  if (cached && cached.arrays.every((a, i) => a === arrays[i] && a.length === cached.lengths[i])) return cached.index;
  const index = buildIndex(ledger);
  cache.set(ledger.invoices, { index, arrays, lengths: arrays.map((a) => a.length) });
  return index;
}

type DocumentColumns = Pick<
  LedgerIndex,
  'count' | 'docs' | 'kind' | 'side' | 'counts' | 'total' | 'totalBase' | 'rate' | 'date' | 'dueDate' | 'currency' | 'contact' | 'contactIds' | 'contactNames'
> & { position: Map<string, number> };

/** Every document in flat arrays, each contact given a slot, and each document's position by id. */
function indexDocuments(ledger: IndexTables): DocumentColumns {
  const count = ledger.invoices.length + ledger.creditNotes.length + ledger.overpayments.length + ledger.prepayments.length;
  const c: DocumentColumns = {
    count,
    docs: new Array(count),
    kind: new Uint8Array(count),
    side: new Uint8Array(count),
    counts: new Uint8Array(count),
    total: new Float64Array(count),
    totalBase: new Float64Array(count),
    rate: new Float64Array(count),
    date: new Array(count),
    dueDate: new Array(count),
    currency: new Array(count),
    contact: new Int32Array(count),
    contactIds: [],
    contactNames: [],
    position: new Map(),
  };
  const contactSlot = new Map<string, number>();
  let n = 0;
  const add = (k: number, d: Document, id: string, type: string, due: IsoDate | null) => {
    c.docs[n] = d;
    c.kind[n] = k;
    c.side[n] = sideOf(k, type);
    c.counts[n] = COUNTING_STATUSES.has(d.status) ? 1 : 0;
    c.total[n] = d.total;
    c.rate[n] = d.currencyRate;
    c.totalBase[n] = d.currencyRate === 1 ? d.total : convertAtRate(d.total, d.currencyRate);
    c.date[n] = d.date;
    c.dueDate[n] = due;
    c.currency[n] = d.currencyCode;
    let slot = contactSlot.get(d.contactId);
    if (slot === undefined) {
      slot = c.contactIds.length;
      contactSlot.set(d.contactId, slot);
      c.contactIds.push(d.contactId);
      c.contactNames.push(d.contactName);
    }
    c.contact[n] = slot;
    c.position.set(id, n);
    n++;
  };
  for (const i of ledger.invoices) add(KIND_INVOICE, i, i.invoiceId, i.type, i.dueDate);
  for (const cn of ledger.creditNotes) add(KIND_CREDIT_NOTE, cn, cn.creditNoteId, cn.type, null);
  for (const o of ledger.overpayments) add(KIND_OVERPAYMENT, o, o.creditId, o.type, null);
  for (const p of ledger.prepayments) add(KIND_PREPAYMENT, p, p.creditId, p.type, null);
  return c;
}

/** First pass: each payment's document, each allocation's invoice (-1 where it does not count), and where each document's movements start. */
function countMoves(ledger: IndexTables, c: DocumentColumns) {
  const { count, counts, kind, position, docs } = c;
  const payments = ledger.payments as Payment[];
  const paymentDoc = new Int32Array(payments.length).fill(-1);
  const moveStart = new Int32Array(count + 1);
  for (let j = 0; j < payments.length; j++) {
    const p = payments[j] as Payment;
    if (p.status === 'DELETED') continue;
    const d = position.get(p.invoiceId ?? p.creditNoteId ?? p.overpaymentId ?? p.prepaymentId ?? '');
    if (d === undefined || counts[d] === 0) continue;
    paymentDoc[j] = d;
    moveStart[d + 1] = (moveStart[d + 1] as number) + 1;
  }
  const allocationTargets: number[] = [];
  for (let cr = ledger.invoices.length; cr < count; cr++) {
    if (counts[cr] === 0) continue;
    for (const a of (docs[cr] as CreditNote).allocations) {
      const i = position.get(a.invoiceId);
      const ok = i !== undefined && kind[i] === KIND_INVOICE && counts[i] === 1;
      allocationTargets.push(ok ? i : -1);
      if (ok) {
        moveStart[i + 1] = (moveStart[i + 1] as number) + 1;
        moveStart[cr + 1] = (moveStart[cr + 1] as number) + 1;
      }
    }
  }
  for (let d = 0; d < count; d++) moveStart[d + 1] = (moveStart[d + 1] as number) + (moveStart[d] as number);
  return { payments, paymentDoc, moveStart, allocationTargets };
}

function buildIndex(ledger: IndexTables): LedgerIndex {
  const documents = indexDocuments(ledger);
  const { position: _position, ...c } = documents;
  const { count, docs, kind, counts, rate, date } = c;
  const { payments, paymentDoc, moveStart, allocationTargets } = countMoves(ledger, documents);

  // Second pass: write each movement straight into its place.
  const m = moveStart[count] as number;
  const fill = moveStart.slice(0, count);
  const moves = {
    moveDate: new Array<IsoDate>(m),
    moveAmount: new Float64Array(m),
    moveBase: new Float64Array(m),
    moveKind: new Uint8Array(m),
    moveTwin: new Int32Array(m).fill(-1),
    movePartner: new Array<string>(m),
    moveReference: new Array<string | null>(m),
  };
  const put = (d: number, when: IsoDate, amount: number, base: number, k: number, partner: string, reference: string | null) => {
    const at = fill[d] as number;
    fill[d] = at + 1;
    moves.moveDate[at] = when;
    moves.moveAmount[at] = amount;
    moves.moveBase[at] = base;
    moves.moveKind[at] = k;
    moves.movePartner[at] = partner;
    moves.moveReference[at] = reference;
    return at;
  };
  for (let j = 0; j < payments.length; j++) {
    const d = paymentDoc[j] as number;
    if (d < 0) continue;
    const p = payments[j] as Payment;
    const r = rate[d] as number;
    const base = r === 1 ? p.amount : convertAtRate(p.amount, r);
    put(d, later(p.date, date[d] as IsoDate), p.amount, base, kind[d] === KIND_INVOICE ? MOVE_PAYMENT : MOVE_REFUND, p.paymentId, p.reference);
  }
  let t = 0;
  for (let cr = ledger.invoices.length; cr < count; cr++) {
    if (counts[cr] === 0) continue;
    const credit = docs[cr] as CreditNote;
    for (const a of credit.allocations) {
      const i = allocationTargets[t++] as number;
      if (i < 0) continue;
      // An allocation takes effect when both documents exist. In base currency each side is converted at
      // its own document's rate: the difference is a realised currency gain or loss, not the contact's.
      const when = later(later(a.date, date[i] as IsoDate), credit.date);
      const invoice = docs[i] as Invoice;
      const onInvoice = put(i, when, a.amount, convertAtRate(a.amount, rate[i] as number), MOVE_ALLOCATION, idOf(kind[cr] as number, credit), credit.number);
      const onCredit = put(cr, when, a.amount, convertAtRate(a.amount, rate[cr] as number), MOVE_ALLOCATION, invoice.invoiceId, invoice.number);
      moves.moveTwin[onInvoice] = onCredit;
      moves.moveTwin[onCredit] = onInvoice;
    }
  }
  const index = { ...c, moveStart, ...moves };
  settleInBase(index);
  return index;
}
