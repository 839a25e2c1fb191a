import type { Account, Contact, TaxRate } from '../domain';

/** The Xero tables a mapping is checked against, indexed for lookups. */
export type XeroTables = { accounts: readonly Account[]; taxRates: readonly TaxRate[]; contacts: readonly Contact[] };

export type XeroLookup = {
  tables: XeroTables;
  accountByCode: Map<string, Account>;
  /** Codes without leading zeros → the codes that have them (0400 under "400"), to explain lost zeros. */
  accountsByStrippedCode: Map<string, Account[]>;
  taxRateByType: Map<string, TaxRate>;
  taxRateByName: Map<string, TaxRate>;
  contactById: Map<string, Contact>;
  contactsByNumber: Map<string, Contact[]>;
  contactsByName: Map<string, Contact[]>;
  contactsByEmail: Map<string, Contact[]>;
  contactsByAccountNumber: Map<string, Contact[]>;
};

function multi<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export const stripZeros = (code: string) => code.replace(/^0+(?=.)/, '');

const lookups = new WeakMap<object, { tables: XeroTables; lookup: XeroLookup }>();

/** The lookup for these tables; reused while the same arrays are passed (a source serves the same ones until they change). */
export function xeroLookup(tables: XeroTables): XeroLookup {
  const cached = lookups.get(tables.accounts);
  if (cached && cached.tables.taxRates === tables.taxRates && cached.tables.contacts === tables.contacts) return cached.lookup;
  const lookup = buildLookup(tables);
  lookups.set(tables.accounts, { tables, lookup });
  return lookup;
}

function buildLookup(tables: XeroTables): XeroLookup {
  return {
    tables,
    accountByCode: new Map(tables.accounts.filter((a) => a.code).map((a) => [a.code as string, a])),
    accountsByStrippedCode: multi(tables.accounts, (a) => (a.code ? stripZeros(a.code) : null)),
    taxRateByType: new Map(tables.taxRates.map((t) => [t.taxType, t])),
    taxRateByName: new Map(tables.taxRates.map((t) => [t.name.trim().toLowerCase(), t])),
    contactById: new Map(tables.contacts.map((c) => [c.contactId, c])),
    contactsByNumber: multi(tables.contacts, (c) => c.contactNumber?.trim().toLowerCase() ?? null),
    contactsByName: multi(tables.contacts, (c) => c.name.trim().toLowerCase()),
    contactsByEmail: multi(tables.contacts, (c) => c.email?.trim().toLowerCase() ?? null),
    contactsByAccountNumber: multi(tables.contacts, (c) => c.accountNumber?.trim().toLowerCase() ?? null),
  };
}

/** A contact named by id, number or name; several with that name is ambiguous. */
export function findContact(lookup: XeroLookup, text: string): { contact: Contact | null; ambiguous: boolean } {
  const t = text.trim();
  const byId = lookup.contactById.get(t);
  if (byId) return { contact: byId, ambiguous: false };
  const byNumber = lookup.contactsByNumber.get(t.toLowerCase());
  if (byNumber?.length === 1) return { contact: byNumber[0] as Contact, ambiguous: false };
  const byName = lookup.contactsByName.get(t.toLowerCase());
  if (byName && byName.length > 1) return { contact: null, ambiguous: true };
  return { contact: byName?.[0] ?? null, ambiguous: false };
}
