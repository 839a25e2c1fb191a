import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import { cents, convertAtRate } from '../money';
import type { Ledger } from '../domain';
import { sideLedger } from './documents';
import type { ReportDocument, Side } from './documents';

export type SummaryOptions = {
  side: Side;
  from: IsoDate;
  to: IsoDate;
  contactIds: readonly string[] | null;
  currency: 'base' | 'document';
};

export type SummaryLineKind = 'invoice' | 'credit-note' | 'payment' | 'overpayment' | 'prepayment' | 'refund';

/**
 * One line of a running account. `debit` raises what the contact owes (receivables) or what is owed to
 * the contact (payables); `credit` lowers it. balance = previous balance + debit − credit.
 */
export type SummaryLine = {
  date: IsoDate;
  kind: SummaryLineKind;
  documentId: string;
  number: string | null;
  reference: string | null;
  debit: Cents;
  credit: Cents;
  balance: Cents;
};

export type ContactSummary = {
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

const ORDER: Record<SummaryLineKind, number> = { invoice: 0, 'credit-note': 1, payment: 2, overpayment: 2, prepayment: 2, refund: 2 };

type Entry = { contactId: string; contactName: string; currency: string; date: IsoDate; kind: SummaryLineKind; documentId: string; number: string | null; reference: string | null; debit: number; credit: number };

type Tables = Pick<Ledger, 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments' | 'organisation'>;

/**
 * Running account summaries: for each contact, the opening balance (invoices − credit notes − cash
 * received + cash refunded, all dated before `from`), then every document and payment dated in
 * [from, to] in date order (invoices, then credit notes, then payments, then by number), each with its
 * running balance, and the closing balance. Allocations move credit between documents and are not lines.
 */
export function accountSummary(ledger: Tables, options: SummaryOptions): AccountSummaryReport {
  const o = options;
  const side = sideLedger(ledger, o.side);
  const base = ledger.organisation.baseCurrency;
  const contacts = o.contactIds ? new Set(o.contactIds) : null;
  const money = (amount: Cents, doc: ReportDocument) => (o.currency === 'base' ? convertAtRate(amount, doc.rate) : amount);
  const currencyOf = (doc: ReportDocument) => (o.currency === 'base' ? base : doc.currency);

  const entries: Entry[] = [];
  for (const doc of side.documents.values()) {
    if (doc.date > o.to || (contacts && !contacts.has(doc.contactId))) continue;
    const amount = money(doc.total, doc);
    const kind: SummaryLineKind = doc.kind;
    entries.push({
      contactId: doc.contactId, contactName: doc.contactName, currency: currencyOf(doc), date: doc.date, kind,
      documentId: doc.id, number: doc.number, reference: doc.reference,
      debit: doc.kind === 'invoice' ? amount : 0,
      credit: doc.kind === 'invoice' ? 0 : amount,
    });
  }
  for (const m of side.cash) {
    if (m.date > o.to) continue;
    const doc = side.documents.get(m.documentId) as ReportDocument;
    if (contacts && !contacts.has(doc.contactId)) continue;
    const amount = money(m.amount, doc);
    const refund = m.kind === 'refund';
    entries.push({
      contactId: doc.contactId, contactName: doc.contactName, currency: currencyOf(doc), date: m.date,
      kind: refund ? 'refund' : 'payment', documentId: m.sourceId, number: doc.number, reference: m.reference,
      debit: refund ? amount : 0,
      credit: refund ? 0 : amount,
    });
  }

  entries.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      ORDER[a.kind] - ORDER[b.kind] ||
      (a.number ?? '\uffff').localeCompare(b.number ?? '\uffff') ||
      a.documentId.localeCompare(b.documentId),
  );

  const byContact = new Map<string, ContactSummary>();
  for (const e of entries) {
    const key = `${e.contactId}\u0000${e.currency}`;
    let s = byContact.get(key);
    if (!s) {
      s = { contactId: e.contactId, contactName: e.contactName, currency: e.currency, opening: cents(0), lines: [], debits: cents(0), credits: cents(0), closing: cents(0) };
      byContact.set(key, s);
    }
    const change = e.debit - e.credit;
    if (e.date < o.from) {
      s.opening = cents(s.opening + change);
      s.closing = cents(s.closing + change);
      continue;
    }
    s.debits = cents(s.debits + e.debit);
    s.credits = cents(s.credits + e.credit);
    s.closing = cents(s.closing + change);
    s.lines.push({ date: e.date, kind: e.kind, documentId: e.documentId, number: e.number, reference: e.reference, debit: cents(e.debit), credit: cents(e.credit), balance: s.closing });
  }

  const sorted = [...byContact.values()].sort((a, b) => a.contactName.localeCompare(b.contactName, 'en') || a.contactId.localeCompare(b.contactId) || a.currency.localeCompare(b.currency));
  return { options: o, baseCurrency: base, contacts: sorted };
}
