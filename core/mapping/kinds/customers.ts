import { cellText, isExcelError } from '../rows';
import { checkAccount, checkTaxRate } from '../targets';
import { findContact } from '../xero-data';
import type { MappingKindDefinition } from './types';

/** A source system's customers onto Xero contacts, optionally setting the contact's default sales account and tax type. */
export const customersKind: MappingKindDefinition = {
  kind: 'customers',
  title: 'Customers',
  layout: {
    sheet: 'Map Customers',
    table: 'MapCustomers',
    source: [
      { field: 'source', header: 'Customer ID', kind: 'code', csv: ['customer id', 'id', 'customer', 'code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'customer name'] },
      { field: 'email', header: 'Email', kind: 'text', csv: ['email', 'e-mail'] },
      { field: 'accountNumber', header: 'Account Number', kind: 'code', csv: ['account number', 'account'] },
      { field: 'salesAccount', header: 'Sales Account', kind: 'code', csv: ['sales account'] },
      { field: 'taxType', header: 'Tax Type', kind: 'code', csv: ['tax type'] },
    ],
    targets: { table: 'XeroContacts', column: 'Name' },
  },

  check(row, { lookup, report, resolved, target, seen }) {
    if (target !== null) {
      const { contact, ambiguous } = findContact(lookup, target);
      if (ambiguous) report('target', 'error', 'ambiguous-contact', `several Xero contacts are named "${target}": use the contact number instead`);
      else if (!contact) report('target', 'error', 'unknown-contact', `there is no contact "${target}" in Xero: choose one from the Xero Contacts sheet`);
      else {
        resolved.contact = contact;
        if (contact.status !== 'ACTIVE')
          report('target', 'error', 'archived-target', `contact "${contact.name}" is ${contact.status} in Xero: choose an active contact`);
        else if (!contact.isCustomer)
          report('target', 'warning', 'not-a-customer', `"${contact.name}" has no sales in Xero yet: check that this is the customer`);
        const rows = seen.get(contact.contactId) ?? [];
        if (rows.length > 0 && !row.confirmShared)
          report(
            'target',
            'error',
            'shared-contact',
            `"${contact.name}" is the target of row ${rows[0]} too: confirm that these source customers share one contact, or choose another`,
          );
        seen.set(contact.contactId, [...rows, row.row]);
      }
    }
    const sales = cellText(row.salesAccount).trim();
    if (sales && !isExcelError(row.salesAccount)) {
      const account = checkAccount(sales, lookup, 'salesAccount', report);
      if (account) {
        resolved.salesAccount = account;
        if (account.class !== 'REVENUE')
          report('salesAccount', 'error', 'class-mismatch', `account ${account.code} is ${account.class}, not a revenue account: choose a revenue account`);
      }
    }
    const tax = cellText(row.taxType).trim();
    if (tax && !isExcelError(row.taxType)) {
      const taxRate = checkTaxRate(tax, lookup, 'taxType', report);
      if (taxRate) {
        resolved.taxType = taxRate;
        if (!taxRate.canApplyToRevenue)
          report('taxType', 'error', 'cannot-apply', `tax rate ${taxRate.taxType} cannot be used on sales in Xero: choose another`);
      }
    }
    const email = cellText(row.email).trim();
    if (email && !isExcelError(row.email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      report('email', 'warning', 'bad-email', `"${email}" does not look like an email address`);
  },

  suggestions: {
    candidates: (lookup) => lookup.tables.contacts.filter((c) => c.status === 'ACTIVE').map((c) => ({ key: c.name, label: c.name, name: c.name })),
    /**
     * The one active contact with the same account number, email or contact number. When the only such contacts
     * are archived, that is said: the customer is never redirected to another contact with a similar name.
     */
    direct: (row, lookup) => {
      let archived: string | null = null;
      for (const [value, map, reason] of [
        [cellText(row.accountNumber).trim().toLowerCase(), lookup.contactsByAccountNumber, 'same account number'],
        [cellText(row.email).trim().toLowerCase(), lookup.contactsByEmail, 'same email'],
        [cellText(row.source).trim().toLowerCase(), lookup.contactsByNumber, 'same contact number'],
      ] as const) {
        const all = value ? (map.get(value) ?? []) : [];
        const hits = all.filter((c) => c.status === 'ACTIVE');
        if (hits.length === 1) return { target: hits[0]!.name, label: hits[0]!.name, confidence: 100, reason };
        if (hits.length === 0 && all.length > 0)
          archived ??= `matches the ${all[0]!.status.toLowerCase()} contact "${all[0]!.name}" (${reason}): restore it in Xero or choose another`;
      }
      return archived ? { target: null, label: null, confidence: 0, reason: archived } : null;
    },
  },

  value: (row, r) =>
    r.contact
      ? {
          target: r.contact.contactId,
          details: { contact: r.contact.name, name: cellText(row.name).trim(), salesAccount: r.salesAccount?.code ?? '', taxType: r.taxType?.taxType ?? '' },
        }
      : null,
  fromStored: (details) => ({ salesAccount: details.salesAccount || null, taxType: details.taxType || null }),
  storedTarget: (value) => value.details.contact ?? value.target,

  /** A default sales account or tax type is set on the contact in Xero; a revert puts the contact's old ones back. */
  xeroWrite: (_row, { contact }, after) => {
    if (!contact || !(after.details.salesAccount || after.details.taxType)) return null;
    const before = {
      contactId: contact.contactId,
      salesDefaultAccountCode: contact.salesDefaultAccountCode,
      accountsReceivableTaxType: contact.accountsReceivableTaxType,
    };
    return {
      type: 'contact-defaults',
      before,
      after: {
        ...before,
        salesDefaultAccountCode: after.details.salesAccount || before.salesDefaultAccountCode,
        accountsReceivableTaxType: after.details.taxType || before.accountsReceivableTaxType,
      },
    };
  },
};
