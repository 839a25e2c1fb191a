import type { IsoDate } from '../dates';
import type { CreditNote, Invoice, Ledger, Overpayment, Payment } from '../domain';
import { convertAtRate } from '../money';
import type { Cents } from '../money';
import { COUNTING_STATUSES } from './documents';
import type { DocumentKind } from './documents';

/**
 * The layout of the ledger index (see `./ledger-index`): every document in flat arrays, and every payment,
 * refund and allocation grouped under the document it moves (compressed rows: `moveStart[d]…moveStart[d+1]`).
 * Documents are laid out table by table: invoices, credit notes, overpayments, prepayments.
 */

export type IndexTables = Pick<Ledger, 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments'>;

export const KIND_INVOICE = 0;
export const KIND_CREDIT_NOTE = 1;
export const KIND_OVERPAYMENT = 2;
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

/**
 * What a later change needs to patch the index instead of building it again. A document's place is kept
 * as `index in its table × 4 + kind`, which does not move when an earlier table grows.
 */
export type IndexMemory = {
  place: Map<string, number>;
  contactSlot: Map<string, number>;
  /** Each contact's first document (its name is that document's contact name). */
  contactFirst: number[];
  /** For a payment or refund its place in the payments table; for an allocation the place of the document on the other side. */
  moveSource: Int32Array;
  /** Payments (not deleted) whose document is not there or does not count, by the document's id. */
  pendingPayments: Map<string, number[]>;
  /** Counting credits' allocations whose invoice is not there or does not count: the credits' places, by invoice id. */
  pendingAllocations: Map<string, number[]>;
};

export type Built = { index: LedgerIndex; memory: IndexMemory; arrays: readonly unknown[][]; lengths: number[] };

export function tablesOf(ledger: IndexTables): readonly Document[][] {
  return [ledger.invoices, ledger.creditNotes, ledger.overpayments, ledger.prepayments] as Document[][];
}

/** Where each table's documents start, and the total. */
export function offsetsOf(lengths: readonly number[]): number[] {
  const offsets = [0];
  for (let t = 0; t < 4; t++) offsets.push((offsets[t] as number) + (lengths[t] as number));
  return offsets;
}

export function slotOf(place: number, offsets: readonly number[]): number {
  return (offsets[place & 3] as number) + (place >> 2);
}

export function placeOfSlot(slot: number, offsets: readonly number[]): number {
  let t = 3;
  while (slot < (offsets[t] as number)) t--;
  return ((slot - (offsets[t] as number)) << 2) | t;
}

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

/** The id of the document a payment moves. */
export function paymentTarget(p: Payment): string {
  return p.invoiceId ?? p.creditNoteId ?? p.overpaymentId ?? p.prepaymentId ?? '';
}

/** Writes document d (of kind k) into slot n of the document columns, giving its contact a slot when it has none. */
export function writeDocument(x: LedgerIndex, memory: IndexMemory, n: number, k: number, d: Document): void {
  x.docs[n] = d;
  x.kind[n] = k;
  x.side[n] = sideOf(k, d.type);
  x.counts[n] = COUNTING_STATUSES.has(d.status) ? 1 : 0;
  x.total[n] = d.total;
  x.rate[n] = d.currencyRate;
  x.totalBase[n] = d.currencyRate === 1 ? d.total : convertAtRate(d.total, d.currencyRate);
  x.date[n] = d.date;
  x.dueDate[n] = k === KIND_INVOICE ? (d as Invoice).dueDate : null;
  x.currency[n] = d.currencyCode;
  let slot = memory.contactSlot.get(d.contactId);
  if (slot === undefined) {
    slot = x.contactIds.length;
    memory.contactSlot.set(d.contactId, slot);
    x.contactIds.push(d.contactId);
    x.contactNames.push(d.contactName);
    memory.contactFirst.push(n);
  } else if (n <= (memory.contactFirst[slot] as number)) {
    memory.contactFirst[slot] = n;
    x.contactNames[slot] = d.contactName;
  }
  x.contact[n] = slot;
}

/** The movement arrays for m movements. */
export function moveColumns(m: number) {
  return {
    moveDate: new Array<IsoDate>(m),
    moveAmount: new Float64Array(m),
    moveBase: new Float64Array(m),
    moveKind: new Uint8Array(m),
    moveTwin: new Int32Array(m).fill(-1),
    movePartner: new Array<string>(m),
    moveReference: new Array<string | null>(m),
  };
}

/** The document columns for `count` documents. */
export function documentColumns(count: number) {
  return {
    count,
    docs: new Array<Document>(count),
    kind: new Uint8Array(count),
    side: new Uint8Array(count),
    counts: new Uint8Array(count),
    total: new Float64Array(count),
    totalBase: new Float64Array(count),
    rate: new Float64Array(count),
    date: new Array<IsoDate>(count),
    dueDate: new Array<IsoDate | null>(count),
    currency: new Array<string>(count),
    contact: new Int32Array(count),
  };
}

type Moves = ReturnType<typeof moveColumns>;

/** Payment j on document d (a payment on an invoice, a refund of a credit), at movement `at`. */
export function writePayment(x: Pick<LedgerIndex, 'kind' | 'rate' | 'date'>, moves: Moves, at: number, d: number, p: Payment): void {
  const r = x.rate[d] as number;
  moves.moveDate[at] = later(p.date, x.date[d] as IsoDate);
  moves.moveAmount[at] = p.amount;
  moves.moveBase[at] = r === 1 ? p.amount : convertAtRate(p.amount, r);
  moves.moveKind[at] = x.kind[d] === KIND_INVOICE ? MOVE_PAYMENT : MOVE_REFUND;
  moves.movePartner[at] = p.paymentId;
  moves.moveReference[at] = p.reference;
}

/**
 * Allocation a of credit cr on invoice i: one movement on each, each converted at its own document's rate (the
 * difference is a realised currency gain or loss, not the contact's). It takes effect when both documents exist.
 */
export function writeAllocation(
  x: Pick<LedgerIndex, 'kind' | 'rate' | 'date' | 'docs'>,
  moves: Moves,
  onInvoice: number,
  onCredit: number,
  i: number,
  cr: number,
  a: { date: IsoDate; amount: Cents },
): void {
  const when = later(later(a.date, x.date[i] as IsoDate), x.date[cr] as IsoDate);
  const credit = x.docs[cr] as CreditNote;
  const invoice = x.docs[i] as Invoice;
  for (const [at, d, partner, reference] of [
    [onInvoice, i, idOf(x.kind[cr] as number, credit), credit.number],
    [onCredit, cr, invoice.invoiceId, invoice.number],
  ] as const) {
    moves.moveDate[at] = when;
    moves.moveAmount[at] = a.amount;
    moves.moveBase[at] = convertAtRate(a.amount, x.rate[d] as number);
    moves.moveKind[at] = MOVE_ALLOCATION;
    moves.movePartner[at] = partner;
    moves.moveReference[at] = reference;
  }
  moves.moveTwin[onInvoice] = onCredit;
  moves.moveTwin[onCredit] = onInvoice;
}

export function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
