import type { PullKind } from '../../core/contract';
import type { Account, Contact, Item, TaxRate } from '../../core/domain';
import { centsToDecimal } from '../../core/money';
import type { CellValue, ColumnSpec } from '../../core/sheets/cells';

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

const decimal = (text: string | null): number | null => (text === null || text === '' ? null : Number(text));

const accountsTable: XeroTableDefinition<Account> = {
  kind: 'accounts',
  title: 'Accounts',
  sheet: 'Xero Accounts',
  table: 'XeroAccounts',
  columns: [
    { header: 'Code', kind: 'code' },
    { header: 'Name', kind: 'text' },
    { header: 'Type', kind: 'text' },
    { header: 'Class', kind: 'text' },
    { header: 'Status', kind: 'text' },
    { header: 'Tax Type', kind: 'code' },
    { header: 'Payments Enabled', kind: 'boolean' },
    { header: 'Bank Account Number', kind: 'code' },
    { header: 'Currency', kind: 'code' },
    { header: 'Description', kind: 'text' },
    { header: 'Account ID', kind: 'code' },
  ],
  row: (a) => [
    a.code,
    a.name,
    a.type,
    a.class,
    a.status,
    a.taxType,
    a.enablePaymentsToAccount,
    a.bankAccountNumber,
    a.currencyCode,
    a.description,
    a.accountId,
  ],
};

const taxRatesTable: XeroTableDefinition<TaxRate> = {
  kind: 'taxRates',
  title: 'Tax rates',
  sheet: 'Xero Tax Rates',
  table: 'XeroTaxRates',
  columns: [
    { header: 'Tax Type', kind: 'code' },
    { header: 'Name', kind: 'text' },
    { header: 'Status', kind: 'text' },
    { header: 'Effective Rate %', kind: 'percent' },
    { header: 'Components', kind: 'text' },
    { header: 'Report Tax Type', kind: 'code' },
    { header: 'Revenue', kind: 'boolean' },
    { header: 'Expenses', kind: 'boolean' },
    { header: 'Assets', kind: 'boolean' },
    { header: 'Liabilities', kind: 'boolean' },
    { header: 'Equity', kind: 'boolean' },
  ],
  row: (t) => [
    t.taxType,
    t.name,
    t.status,
    decimal(t.effectiveRate),
    t.components.map((c) => `${c.name} ${c.rate}%${c.isCompound ? ' (compound)' : ''}`).join('; '),
    t.reportTaxType,
    t.canApplyToRevenue,
    t.canApplyToExpenses,
    t.canApplyToAssets,
    t.canApplyToLiabilities,
    t.canApplyToEquity,
  ],
};

export const contactsTable: XeroTableDefinition<Contact> = {
  kind: 'contacts',
  title: 'Contacts',
  sheet: 'Xero Contacts',
  table: 'XeroContacts',
  columns: [
    { header: 'Name', kind: 'text' },
    { header: 'Contact Number', kind: 'code' },
    { header: 'Account Number', kind: 'code' },
    { header: 'Status', kind: 'text' },
    { header: 'Email', kind: 'text' },
    { header: 'Customer', kind: 'boolean' },
    { header: 'Supplier', kind: 'boolean' },
    { header: 'Currency', kind: 'code' },
    { header: 'Sales Account', kind: 'code' },
    { header: 'Sales Tax Type', kind: 'code' },
    { header: 'Purchases Account', kind: 'code' },
    { header: 'Purchases Tax Type', kind: 'code' },
    { header: 'Receivable Outstanding', kind: 'money' },
    { header: 'Payable Outstanding', kind: 'money' },
    { header: 'Contact ID', kind: 'code' },
  ],
  row: (c) => [
    c.name,
    c.contactNumber,
    c.accountNumber,
    c.status,
    c.email,
    c.isCustomer,
    c.isSupplier,
    c.defaultCurrency,
    c.salesDefaultAccountCode,
    c.accountsReceivableTaxType,
    c.purchasesDefaultAccountCode,
    c.accountsPayableTaxType,
    c.balances ? centsToDecimal(c.balances.receivableOutstanding) : null,
    c.balances ? centsToDecimal(c.balances.payableOutstanding) : null,
    c.contactId,
  ],
};

const itemsTable: XeroTableDefinition<Item> = {
  kind: 'items',
  title: 'Items',
  sheet: 'Xero Items',
  table: 'XeroItems',
  columns: [
    { header: 'Code', kind: 'code' },
    { header: 'Name', kind: 'text' },
    { header: 'Description', kind: 'text' },
    { header: 'Sold', kind: 'boolean' },
    { header: 'Purchased', kind: 'boolean' },
    { header: 'Tracked', kind: 'boolean' },
    { header: 'Sales Price', kind: 'number' },
    { header: 'Sales Account', kind: 'code' },
    { header: 'Sales Tax Type', kind: 'code' },
    { header: 'Purchase Price', kind: 'number' },
    { header: 'Purchase Account', kind: 'code' },
    { header: 'Purchase Tax Type', kind: 'code' },
    { header: 'Item ID', kind: 'code' },
  ],
  row: (i) => [
    i.code,
    i.name,
    i.description,
    i.isSold,
    i.isPurchased,
    i.isTrackedAsInventory,
    decimal(i.salesUnitPrice),
    i.salesAccountCode,
    i.salesTaxType,
    decimal(i.purchaseUnitPrice),
    i.purchaseAccountCode,
    i.purchaseTaxType,
    i.itemId,
  ],
};

export const xeroTables = [accountsTable, taxRatesTable, contactsTable, itemsTable] as const;
