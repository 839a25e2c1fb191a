import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import { cents } from '../money';
import type { CreditNote, Invoice, Ledger } from '../domain';
import { compareText, sortByContact } from './ageing';
import { byContactAndCurrency } from './by-contact';
import type { Side } from './documents';
import { idOf, KIND_CREDIT_NOTE, KIND_INVOICE, MOVE_ALLOCATION, MOVE_REFUND } from './index-layout';
import { ledgerIndex } from './ledger-index';
import type { Document } from './index-layout';

export type SummaryOptions = {
  side: Side;
  from: IsoDate;
  to: IsoDate;
  contactIds: readonly string[] | null;
  currency: 'base' | 'document';
};

type SummaryLineKind = 'invoice' | 'credit-note' | 'payment' | 'overpayment' | 'prepayment' | 'refund' | 'currency-difference';

/**
 * One line of a running account. `debit` raises what the contact owes (receivables) or what is owed to
 * the contact (payables); `credit` lowers it. balance = previous balance + debit − credit.
 */
type SummaryLine = {
  date: IsoDate;
  kind: SummaryLineKind;
  documentId: string;
  number: string | null;
  reference: string | null;
  debit: Cents;
  credit: Cents;
  balance: Cents;
};

type ContactSummary = {
  contactId: string;
  contactName: string;
  currency: string;
  opening: Cents;
  lines: SummaryLine[];
  debits: Cents;
  credits: Cents;
  closing: Cents;
};

export type AccountSummaryReport = { options: SummaryOptions; baseCurrency: string; contacts: ContactSummary[] };

const ORDER: Record<SummaryLineKind, number> = { invoice: 0, 'credit-note': 1, payment: 2, overpayment: 2, prepayment: 2, refund: 2, 'currency-difference': 3 };

type Tables = Pick<Ledger, 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments' | 'organisation'>;

const DOCUMENT_LINE: SummaryLineKind[] = ['invoice', 'credit-note', 'overpayment', 'prepayment'];

/** The number of an invoice or credit note (the document a line belongs to); other documents have none. */
function numberOf(kind: number, d: Document): string | null {
  return kind === KIND_INVOICE ? (d as Invoice).number : kind === KIND_CREDIT_NOTE ? (d as CreditNote).number : null;
}

/**
 * Running account summaries: for each contact, the opening balance (invoices − credit notes − cash
 * received + cash refunded, all dated before `from`), then every document and payment dated in
 * [from, to] in date order (invoices, then credit notes, then payments, then by number), each with its
 * running balance, and the closing balance. Allocations move credit between documents and are not lines;
 * in base currency, an allocation between documents at different rates adds a currency-difference line:
 * the realised gain or loss that Xero posts to its currency-gains account, so the contact keeps none of it.
 * Lines before `from` are only added up, never kept, so the work is one pass over the ledger's index.
 */
type Pending = { date: IsoDate; kind: SummaryLineKind; documentId: string; number: string | null; reference: string | null; debit: number; credit: number };
type Entry = { summary: ContactSummary; opening: number; lines: Pending[] };
type Index = ReturnType<typeof ledgerIndex>;

/** A contact's summary in one currency, its opening balance and lines still to be sorted. */
function summaryEntries(x: Index) {
  const zero = cents(0);
  const { all, rowFor } = byContactAndCurrency<Entry>(
    (e) => e.summary.currency,
    (slot, currency) => ({
      summary: {
        contactId: x.contactIds[slot] as string,
        contactName: x.contactNames[slot] as string,
        currency,
        opening: zero,
        lines: [],
        debits: zero,
        credits: zero,
        closing: zero,
      },
      opening: 0,
      lines: [],
    }),
  );
  return { all, entryFor: rowFor };
}

/** An allocation from credit k, seen from the credit's side: in base, the difference between its two sides' amounts. */
function addCurrencyDifference(x: Index, k: number, m: number, o: SummaryOptions, entry: Entry): void {
  const when = x.moveDate[m] as IsoDate;
  const twin = x.moveTwin[m] as number;
  const difference = (x.moveBase[m] as number) - (x.moveBase[twin] as number);
  if (difference === 0 || when > o.to) return;
  if (when < o.from) entry.opening += difference;
  else
    entry.lines.push({
      date: when,
      kind: 'currency-difference',
      documentId: idOf(x.kind[k] as number, x.docs[k] as Document),
      number: numberOf(x.kind[k] as number, x.docs[k] as Document),
      reference: x.moveReference[m] ?? null,
      debit: difference > 0 ? difference : 0,
      credit: difference < 0 ? -difference : 0,
    });
}

/**
 * Cash on document k: payments on invoices (credits) and refunds of credits (debits). Allocations are
 * not lines, except for the currency difference an allocation leaves in base currency.
 */
function addCash(x: Index, k: number, inBase: boolean, o: SummaryOptions, entry: Entry): void {
  const amounts = inBase ? x.moveBase : x.moveAmount;
  for (let m = x.moveStart[k] as number, end = x.moveStart[k + 1] as number; m < end; m++) {
    const moveKind = x.moveKind[m] as number;
    if (moveKind === MOVE_ALLOCATION) {
      if (inBase && x.kind[k] !== KIND_INVOICE) addCurrencyDifference(x, k, m, o, entry);
      continue;
    }
    const when = x.moveDate[m] as IsoDate;
    if (when > o.to) continue;
    const value = amounts[m] as number;
    const refund = moveKind === MOVE_REFUND;
    if (when < o.from) entry.opening += refund ? value : -value;
    else {
      entry.lines.push({
        date: when,
        kind: refund ? 'refund' : 'payment',
        documentId: x.movePartner[m] as string,
        number: numberOf(x.kind[k] as number, x.docs[k] as Document),
        reference: x.moveReference[m] ?? null,
        debit: refund ? value : 0,
        credit: refund ? 0 : value,
      });
    }
  }
}

/** Sorts an entry's lines, runs its balance from the opening, and fills in its totals and closing balance. */
function finish(entry: Entry): void {
  const s = entry.summary;
  let balance = entry.opening;
  s.opening = cents(balance);
  let debits = 0;
  let credits = 0;
  entry.lines.sort(
    (a, b) =>
      compareText(a.date, b.date) ||
      ORDER[a.kind] - ORDER[b.kind] ||
      compareText(a.number ?? '\uffff', b.number ?? '\uffff') ||
      compareText(a.documentId, b.documentId),
  );
  for (const l of entry.lines) {
    balance += l.debit - l.credit;
    debits += l.debit;
    credits += l.credit;
    s.lines.push({
      date: l.date,
      kind: l.kind,
      documentId: l.documentId,
      number: l.number,
      reference: l.reference,
      debit: cents(l.debit),
      credit: cents(l.credit),
      balance: cents(balance),
    });
  }
  s.debits = cents(debits);
  s.credits = cents(credits);
  s.closing = cents(balance);
}

export function accountSummary(ledger: Tables, options: SummaryOptions): AccountSummaryReport {
  const o = options;
  const x = ledgerIndex(ledger);
  const base = ledger.organisation.baseCurrency;
  const inBase = o.currency === 'base';
  const wantedSide = o.side === 'receivables' ? 1 : 2;
  const contacts = o.contactIds ? new Set(o.contactIds) : null;
  const totals = inBase ? x.totalBase : x.total;
  const { all, entryFor } = summaryEntries(x);

  for (let k = 0; k < x.count; k++) {
    if (x.side[k] !== wantedSide || x.counts[k] === 0) continue;
    const date = x.date[k] as IsoDate;
    if (date > o.to) continue;
    const slot = x.contact[k] as number;
    if (contacts && !contacts.has(x.contactIds[slot] as string)) continue;
    const entry = entryFor(slot, inBase ? base : (x.currency[k] as string));
    const kind = x.kind[k] as number;
    const amount = totals[k] as number;
    const isInvoice = kind === KIND_INVOICE;
    if (date < o.from) entry.opening += isInvoice ? amount : -amount;
    else {
      const d = x.docs[k] as Document;
      const reference = kind === KIND_INVOICE ? (d as Invoice).reference : kind === KIND_CREDIT_NOTE ? (d as CreditNote).reference : null;
      entry.lines.push({
        date,
        kind: DOCUMENT_LINE[kind] as SummaryLineKind,
        documentId: idOf(kind, d),
        number: numberOf(kind, d),
        reference,
        debit: isInvoice ? amount : 0,
        credit: isInvoice ? 0 : amount,
      });
    }
    addCash(x, k, inBase, o, entry);
  }

  all.forEach(finish);
  return { options: o, baseCurrency: base, contacts: sortByContact(all.map((e) => e.summary)) };
}
