import type { Account, Contact, TaxRate } from '../domain';
import type { FormulaResult } from '../contract/formulas';
import { invalid } from './arguments';

type Field<T> = (record: T) => FormulaResult;

const text = (value: string | null | undefined): FormulaResult => ({ kind: 'text', value: value ?? '' });

/** The fields each lookup function answers, by the name a cell gives (any case); the first is the default. */
export const accountFields: Record<string, Field<Account>> = {
  name: (a) => text(a.name),
  code: (a) => text(a.code),
  id: (a) => text(a.accountId),
  type: (a) => text(a.type),
  class: (a) => text(a.class),
  status: (a) => text(a.status),
  taxtype: (a) => text(a.taxType),
  description: (a) => text(a.description),
  currency: (a) => text(a.currencyCode),
  bankaccountnumber: (a) => text(a.bankAccountNumber),
};

export const taxRateFields: Record<string, Field<TaxRate>> = {
  name: (t) => text(t.name),
  /** The effective rate as Xero shows it: 15 for 15 %. */
  rate: (t) => ({ kind: 'number', value: Number(t.effectiveRate) }),
  taxtype: (t) => text(t.taxType),
  status: (t) => text(t.status),
  reporttaxtype: (t) => text(t.reportTaxType),
};

export const contactFields: Record<string, Field<Contact>> = {
  name: (c) => text(c.name),
  id: (c) => text(c.contactId),
  accountnumber: (c) => text(c.accountNumber),
  contactnumber: (c) => text(c.contactNumber),
  email: (c) => text(c.email),
  status: (c) => text(c.status),
  currency: (c) => text(c.defaultCurrency),
  salesaccount: (c) => text(c.salesDefaultAccountCode),
  purchasesaccount: (c) => text(c.purchasesDefaultAccountCode),
};

/** The field a cell names (spaces and case ignored: "Tax Type" is taxType); the first field when none is named. */
export function fieldOf<T>(fields: Record<string, Field<T>>, v: string | number | boolean | null | undefined, what: string): Field<T> {
  const names = Object.keys(fields);
  const name =
    v === null || v === undefined || String(v).trim() === ''
      ? names[0]!
      : String(v)
          .replace(/[\s_-]/g, '')
          .toLowerCase();
  const field = fields[name];
  if (!field) throw invalid(`${what} has no field "${String(v)}": use one of ${names.join(', ')}`);
  return field;
}
