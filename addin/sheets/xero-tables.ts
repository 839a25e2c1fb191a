import type { PullKind } from '../../core/contract';
import type { Account, Contact, Item, TaxRate } from '../../core/domain';
import { centsToDecimal } from '../../core/money';
import type { CellValue, ColumnKind, ColumnSpec } from '../../core/sheets/cells';

/**
 * The four Xero tables the Data tab pulls, each on its own sheet: which columns, in what order,
 * and how a record becomes a row. Codes are 'code' columns (text format), so 0400 stays 0400.
 */
export type XeroTableDefinition<T> = {
  kind: PullKind;
  title: string;
  sheet: string;
  table: string;
  columns: ColumnSpec[];
  row: (record: T) => CellValue[];
};

/** A column: its header, how it is written, and its value from a record; one line each, so header and value stay together. */
type Column<T> = [header: string, kind: ColumnKind, value: (record: T) => CellValue];

function table<T>(kind: PullKind, title: string, sheet: string, name: string, columns: Column<T>[]): XeroTableDefinition<T> {
  return {
    kind,
    title,
    sheet,
    table: name,
    columns: columns.map(([header, k]) => ({ header, kind: k })),
    row: (record) => columns.map(([, , value]) => value(record)),
  };
}

const decimal = (text: string | null): number | null => (text === null || text === '' ? null : Number(text));

const accountsTable = table<Account>('accounts', 'Accounts', 'Xero Accounts', 'XeroAccounts', [
  ['Code', 'code', (a) => a.code],
  ['Name', 'text', (a) => a.name],
  ['Type', 'text', (a) => a.type],
  ['Class', 'text', (a) => a.class],
  ['Status', 'text', (a) => a.status],
  ['Tax Type', 'code', (a) => a.taxType],
  ['Payments Enabled', 'boolean', (a) => a.enablePaymentsToAccount],
  ['Bank Account Number', 'code', (a) => a.bankAccountNumber],
  ['Currency', 'code', (a) => a.currencyCode],
  ['Description', 'text', (a) => a.description],
  ['Account ID', 'code', (a) => a.accountId],
]);

const taxRatesTable = table<TaxRate>('taxRates', 'Tax rates', 'Xero Tax Rates', 'XeroTaxRates', [
  ['Tax Type', 'code', (t) => t.taxType],
  ['Name', 'text', (t) => t.name],
  ['Status', 'text', (t) => t.status],
  ['Effective Rate %', 'percent', (t) => decimal(t.effectiveRate)],
  ['Components', 'text', (t) => t.components.map((c) => `${c.name} ${c.rate}%${c.isCompound ? ' (compound)' : ''}`).join('; ')],
  ['Report Tax Type', 'code', (t) => t.reportTaxType],
  ['Revenue', 'boolean', (t) => t.canApplyToRevenue],
  ['Expenses', 'boolean', (t) => t.canApplyToExpenses],
  ['Assets', 'boolean', (t) => t.canApplyToAssets],
  ['Liabilities', 'boolean', (t) => t.canApplyToLiabilities],
  ['Equity', 'boolean', (t) => t.canApplyToEquity],
]);

export const contactsTable = table<Contact>('contacts', 'Contacts', 'Xero Contacts', 'XeroContacts', [
  ['Name', 'text', (c) => c.name],
  ['Contact Number', 'code', (c) => c.contactNumber],
  ['Account Number', 'code', (c) => c.accountNumber],
  ['Status', 'text', (c) => c.status],
  ['Email', 'text', (c) => c.email],
  ['Customer', 'boolean', (c) => c.isCustomer],
  ['Supplier', 'boolean', (c) => c.isSupplier],
  ['Currency', 'code', (c) => c.defaultCurrency],
  ['Sales Account', 'code', (c) => c.salesDefaultAccountCode],
  ['Sales Tax Type', 'code', (c) => c.accountsReceivableTaxType],
  ['Purchases Account', 'code', (c) => c.purchasesDefaultAccountCode],
  ['Purchases Tax Type', 'code', (c) => c.accountsPayableTaxType],
  ['Receivable Outstanding', 'money', (c) => (c.balances ? centsToDecimal(c.balances.receivableOutstanding) : null)],
  ['Payable Outstanding', 'money', (c) => (c.balances ? centsToDecimal(c.balances.payableOutstanding) : null)],
  ['Contact ID', 'code', (c) => c.contactId],
]);

const itemsTable = table<Item>('items', 'Items', 'Xero Items', 'XeroItems', [
  ['Code', 'code', (i) => i.code],
  ['Name', 'text', (i) => i.name],
  ['Description', 'text', (i) => i.description],
  ['Sold', 'boolean', (i) => i.isSold],
  ['Purchased', 'boolean', (i) => i.isPurchased],
  ['Tracked', 'boolean', (i) => i.isTrackedAsInventory],
  ['Sales Price', 'number', (i) => decimal(i.salesUnitPrice)],
  ['Sales Account', 'code', (i) => i.salesAccountCode],
  ['Sales Tax Type', 'code', (i) => i.salesTaxType],
  ['Purchase Price', 'number', (i) => decimal(i.purchaseUnitPrice)],
  ['Purchase Account', 'code', (i) => i.purchaseAccountCode],
  ['Purchase Tax Type', 'code', (i) => i.purchaseTaxType],
  ['Item ID', 'code', (i) => i.itemId],
]);

export const xeroTables = [accountsTable, taxRatesTable, contactsTable, itemsTable] as const;
