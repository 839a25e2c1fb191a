import type { Account, Contact, CreditNote, Invoice, TaxRate } from '../domain';
import type { Side } from '../reports/documents';
import { notFound } from './arguments';

const key = (text: string) => text.trim().toLowerCase();

/** Records by a key (case and outer spaces ignored); a key can name several. */
function indexBy<T>(records: readonly T[], ...keys: Array<(r: T) => string | null>): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of records)
    for (const k of keys) {
      const value = k(r);
      if (!value) continue;
      const list = map.get(key(value));
      if (!list) map.set(key(value), [r]);
      else if (!list.includes(r)) list.push(r);
    }
  return map;
}

function one<T>(found: T[] | undefined, what: string, text: string, hint: string): T | undefined {
  if (!found || found.length === 0) return undefined;
  if (found.length > 1) throw notFound(`${found.length} ${what} match "${text}": ${hint}`);
  return found[0];
}

/** Contacts found by id, account number or name, in that order. */
export function contactFinder(contacts: readonly Contact[]) {
  const byId = indexBy(contacts, (c) => c.contactId);
  const byAccountNumber = indexBy(contacts, (c) => c.accountNumber);
  const byName = indexBy(contacts, (c) => c.name);
  return (text: string): Contact => {
    const hint = 'use the account number or the contact id instead';
    const k = key(text);
    const found = one(byId.get(k), 'contacts', text, hint) ?? one(byAccountNumber.get(k), 'contacts', text, hint) ?? one(byName.get(k), 'contacts', text, hint);
    if (!found) throw notFound(`No contact named or numbered "${text}" in this organisation: check the spelling, or pull Contacts to see them`);
    return found;
  };
}

/** Accounts by code (or, where no account has that code, by name). */
export function accountFinder(accounts: readonly Account[]) {
  const byCode = indexBy(accounts, (a) => a.code);
  const byName = indexBy(accounts, (a) => a.name);
  return (text: string): Account => {
    const found = one(byCode.get(key(text)), 'accounts', text, 'use the code') ?? one(byName.get(key(text)), 'accounts', text, 'use the code');
    if (!found) throw notFound(`No account with code "${text}" in this organisation: pull Accounts to see the codes`);
    return found;
  };
}

/** Tax rates by tax type (OUTPUT2, TAX001, …) or by name. */
export function taxRateFinder(taxRates: readonly TaxRate[]) {
  const byType = indexBy(taxRates, (t) => t.taxType);
  const byName = indexBy(taxRates, (t) => t.name);
  return (text: string): TaxRate => {
    const found = one(byType.get(key(text)), 'tax rates', text, 'use the tax type') ?? one(byName.get(key(text)), 'tax rates', text, 'use the tax type');
    if (!found) throw notFound(`No tax rate with tax type or name "${text}" in this organisation: pull Tax Rates to see them`);
    return found;
  };
}

export type NumberedDocument = { id: string; side: Side; status: string };

const sideOf = (type: string): Side => (type.startsWith('ACCREC') ? 'receivables' : 'payables');

/**
 * Invoices and credit notes by number. Sales numbers are the organisation's own and unique; a bill's number is
 * its supplier's, so two suppliers can share one: a sales document is preferred, and two bills are ambiguous.
 */
export function documentFinder(invoices: readonly Invoice[], creditNotes: readonly CreditNote[]) {
  const all: NumberedDocument[] = [];
  const numbers: Array<string | null> = [];
  for (const i of invoices) {
    all.push({ id: i.invoiceId, side: sideOf(i.type), status: i.status });
    numbers.push(i.number);
  }
  for (const c of creditNotes) {
    all.push({ id: c.creditNoteId, side: sideOf(c.type), status: c.status });
    numbers.push(c.number);
  }
  const byNumber = new Map<string, NumberedDocument[]>();
  all.forEach((d, i) => {
    const n = numbers[i];
    if (!n || d.status === 'DELETED') return;
    const list = byNumber.get(key(n));
    if (list) list.push(d);
    else byNumber.set(key(n), [d]);
  });
  return (text: string): NumberedDocument => {
    const found = byNumber.get(key(text)) ?? [];
    const sales = found.filter((d) => d.side === 'receivables');
    const pick = sales.length > 0 ? sales : found;
    if (pick.length === 0) throw notFound(`No invoice or credit note numbered "${text}" in this organisation`);
    if (pick.length > 1) throw notFound(`${pick.length} documents are numbered "${text}": Xero allows this for bills from different suppliers`);
    return pick[0]!;
  };
}
