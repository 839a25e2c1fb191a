/* eslint-disable @typescript-eslint/no-explicit-any -- custom-functions-metadata knows only its own type names, and a cell that may hold text, a number or a date is `any` to it */
import { evaluate } from './batch';

/*
 * The XERO worksheet functions. Excel reads their names, arguments and help from the metadata that
 * custom-functions-metadata generates from these comments at build time (functions.json); the build also adds
 * each function's CustomFunctions.associate call. Arguments are typed `any`: a cell can hold a date (a serial
 * number), text or a number, and the proxy checks each one.
 */

/**
 * A contact's balance as at a date: what they owe (or are owed), unapplied credits taken off. Equals the contact's
 * total on the ageing report with unapplied credits shown.
 * @customfunction BALANCE
 * @param contact The contact's name, account number or Xero id.
 * @param [asAt] The date: a date cell, yyyy-mm-dd, today or end-of-last-month. Today when left out.
 * @param [side] receivables (the default) or payables.
 * @param [currency] base (the default: the organisation's currency) or a currency code such as USD, for documents in that currency.
 * @returns The balance in currency units.
 */
export function balance(contact: any, asAt?: any, side?: any, currency?: any): Promise<number> {
  return evaluate('BALANCE', [contact, asAt, side, currency]) as Promise<number>;
}

/**
 * One period of a contact's ageing as at a date, in the organisation's currency, as the ageing report shows it.
 * @customfunction AGEING
 * @param contact The contact's name, account number or Xero id.
 * @param asAt The report date: a date cell, yyyy-mm-dd, today or end-of-last-month.
 * @param period current, 1 to the number of periods, older, or total.
 * @param [periods] How many ageing periods (1 to 24). 3 when left out.
 * @param [length] How long each period is, in units (1 to 366). 1 when left out.
 * @param [unit] month (the default), week or day.
 * @param [basis] due (age by due date, the default) or invoice (by invoice date).
 * @param [side] receivables (the default) or payables.
 * @returns The amount in that period, in currency units.
 */
export function ageing(contact: any, asAt: any, period: any, periods?: any, length?: any, unit?: any, basis?: any, side?: any): Promise<number> {
  return evaluate('AGEING', [contact, asAt, period, periods, length, unit, basis, side]) as Promise<number>;
}

/**
 * What is left to pay on an invoice or credit note as at a date, in the document's own currency (credit notes are negative).
 * @customfunction OUTSTANDING
 * @param documentNumber The invoice's or credit note's number, such as INV-0042.
 * @param [asAt] The date: a date cell, yyyy-mm-dd or today. Today when left out.
 * @returns The amount outstanding in the document's currency.
 */
export function outstanding(documentNumber: any, asAt?: any): Promise<number> {
  return evaluate('OUTSTANDING', [documentNumber, asAt]) as Promise<number>;
}

/**
 * A field of an account in the chart of accounts.
 * @customfunction ACCOUNT
 * @param code The account's code, such as 200.
 * @param [field] name (the default), code, id, type, class, status, taxType, description, currency or bankAccountNumber.
 * @returns The field's value.
 */
export function account(code: any, field?: any): Promise<string> {
  return evaluate('ACCOUNT', [code, field]) as Promise<string>;
}

/**
 * A field of a tax rate.
 * @customfunction TAXRATE
 * @param taxType The tax type (such as OUTPUT2) or the tax rate's name.
 * @param [field] name (the default), rate (15 for 15 %), taxType, status or reportTaxType.
 * @returns The field's value.
 */
export function taxRate(taxType: any, field?: any): Promise<any> {
  return evaluate('TAXRATE', [taxType, field]);
}

/**
 * A field of a contact.
 * @customfunction CONTACT
 * @param nameOrNumber The contact's name, account number or Xero id.
 * @param [field] name (the default), id, accountNumber, contactNumber, email, status, currency, salesAccount or purchasesAccount.
 * @returns The field's value.
 */
export function contact(nameOrNumber: any, field?: any): Promise<string> {
  return evaluate('CONTACT', [nameOrNumber, field]) as Promise<string>;
}

/**
 * The Xero code a source code is mapped to, as approved and written on the Mapping tab.
 * @customfunction MAPPING
 * @param kind accounts, tax-rules, payment-methods or customers.
 * @param sourceCode The code in the sales, POS or inventory system.
 * @returns The Xero code it is mapped to.
 */
export function mapping(kind: any, sourceCode: any): Promise<string> {
  return evaluate('MAPPING', [kind, sourceCode]) as Promise<string>;
}
