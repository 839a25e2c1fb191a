import type { Account, Contact, CreditNote, Invoice, TaxRate } from '../domain';
import type { Side } from '../reports/documents';
import { notFound } from './arguments';

const key = (text: string) => text.trim().toLowerCase();

/** Records by a key (case and outer spaces ignored); a key can name several. */
function indexBy<T>(records: readonly T[], keyOf: (r: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of records) {
    const value = keyOf(r);
    if (!value) continue;
    const list = map.get(key(value));
    if (list) list.push(r);
    else map.set(key(value), [r]);
  }
  return map;
}

/**
 * Finds a record by the first of its keys that matches the text (case and outer spaces ignored). Two records
 * matching one key are ambiguous: the cell shows #N/A with `hint`; none at all, #N/A with `missing`.
 */
function finder<T>(records: readonly T[], keys: ReadonlyArray<(r: T) => string | null>, what: string, hint: string, missing: (text: string) => string) {
  const indexes = keys.map((k) => indexBy(records, k));
  return (text: string): T => {
    for (const index of indexes) {
      const found = index.get(key(text));
      if (found && found.length > 1) throw notFound(`${found.length} ${what} match "${text}": ${hint}`);
      if (found) return found[0]!;
    }
    throw notFound(missing(text));
  };
}

/** Contacts found by id, account number or name, in that order. */
export const contactFinder = (contacts: readonly Contact[]) =>
  finder(
    contacts,
    [(c) => c.contactId, (c) => c.accountNumber, (c) => c.name],
    'contacts',
    'use the account number or the contact id instead',
    (text) => `No contact named or numbered "${text}" in this organisation: check the spelling, or pull Contacts to see them`,
  );

/** Accounts by code (or, where no account has that code, by name). */
export const accountFinder = (accounts: readonly Account[]) =>
  finder(
    accounts,
    [(a) => a.code, (a) => a.name],
    'accounts',
    'use the code',
    (text) => `No account with code "${text}" in this organisation: pull Accounts to see the codes`,
  );

/** Tax rates by tax type (OUTPUT2, TAX001, …) or by name. */
export const taxRateFinder = (taxRates: readonly TaxRate[]) =>
  finder(
    taxRates,
    [(t) => t.taxType, (t) => t.name],
    'tax rates',
    'use the tax type',
    (text) => `No tax rate with tax type or name "${text}" in this organisation: pull Tax Rates to see them`,
  );

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
