import type {
  Account as XeroAccount,
  Allocation as XeroAllocation,
  Contact as XeroContact,
  CreditNote as XeroCreditNote,
  Invoice as XeroInvoice,
  Item as XeroItem,
  Organisation as XeroOrganisation,
  Overpayment as XeroOverpayment,
  Payment as XeroPayment,
  Prepayment as XeroPrepayment,
  TaxRate as XeroTaxRate,
} from 'xero-node';
import type { Account, Allocation, Contact, CreditNote, Invoice, Item, Organisation, Overpayment, Payment, Prepayment, TaxRate } from '../../core/domain';
import { centsFromDecimal, ZERO } from '../../core/money';
import type { Cents } from '../../core/money';
import type { IsoDate } from '../../core/dates';
import { xeroDate, xeroInstant } from './dates';

/**
 * xero-node models → core types, in one place. xero-node types dates as strings but hands
 * them over as Dates at midnight UTC (and enums as their strings), so every date goes through
 * `xeroDate` (server/xero/dates.ts), which reads UTC getters, and every amount through `centsFromDecimal`.
 */

export function optionalDate(value: unknown): IsoDate | null {
  return value === undefined || value === null || value === '' ? null : xeroDate(value);
}

export function instantOf(value: unknown): string | null {
  return xeroInstant(value)?.toISOString() ?? null;
}

export function money(value: number | undefined | null): Cents {
  return value === undefined || value === null ? ZERO : centsFromDecimal(value);
}

export function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const s = String(value);
  return s === '' ? null : s;
}

/** A rate as the text core keeps it ('0' when there is none). */
export function decimalText(value: unknown): string {
  return value === undefined || value === null ? '0' : String(value);
}

/** A price as text, or null when there is none. */
export function priceText(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}

export function rate(value: number | undefined | null): number {
  return value === undefined || value === null || value === 0 ? 1 : value;
}

export function normaliseOrganisation(o: XeroOrganisation, source: Organisation['source']): Organisation {
  return {
    tenantId: String(o.organisationID),
    name: o.name ?? '',
    legalName: text(o.legalName),
    baseCurrency: String(o.baseCurrency ?? ''),
    countryCode: text(o.countryCode),
    timezone: text(o.timezone),
    shortCode: text(o.shortCode),
    source,
  };
}

export function normaliseAccount(a: XeroAccount): Account {
  return {
    accountId: String(a.accountID),
    code: text(a.code),
    name: a.name ?? '',
    type: String(a.type ?? ''),
    class: text(a._class),
    status: String(a.status ?? 'ACTIVE'),
    taxType: text(a.taxType),
    description: text(a.description),
    enablePaymentsToAccount: a.enablePaymentsToAccount === true,
    bankAccountNumber: text(a.bankAccountNumber),
    currencyCode: text(a.currencyCode),
    systemAccount: text(a.systemAccount),
    updatedAt: instantOf(a.updatedDateUTC),
  };
}

export function normaliseTaxRate(t: XeroTaxRate): TaxRate {
  return {
    taxType: String(t.taxType),
    name: t.name ?? '',
    status: String(t.status ?? 'ACTIVE'),
    reportTaxType: text(t.reportTaxType),
    effectiveRate: decimalText(t.effectiveRate),
    displayRate: decimalText(t.displayTaxRate ?? t.effectiveRate),
    components: (t.taxComponents ?? []).map((c) => ({
      name: c.name ?? '',
      rate: decimalText(c.rate),
      isCompound: c.isCompound === true,
      isNonRecoverable: c.isNonRecoverable === true,
    })),
    canApplyToAssets: t.canApplyToAssets === true,
    canApplyToEquity: t.canApplyToEquity === true,
    canApplyToExpenses: t.canApplyToExpenses === true,
    canApplyToLiabilities: t.canApplyToLiabilities === true,
    canApplyToRevenue: t.canApplyToRevenue === true,
  };
}

export function normaliseContact(c: XeroContact): Contact {
  const b = c.balances;
  return {
    contactId: String(c.contactID),
    name: c.name ?? '',
    contactNumber: text(c.contactNumber),
    accountNumber: text(c.accountNumber),
    status: String(c.contactStatus ?? 'ACTIVE'),
    email: text(c.emailAddress),
    isCustomer: c.isCustomer === true,
    isSupplier: c.isSupplier === true,
    defaultCurrency: text(c.defaultCurrency),
    salesDefaultAccountCode: text(c.salesDefaultAccountCode),
    purchasesDefaultAccountCode: text(c.purchasesDefaultAccountCode),
    accountsReceivableTaxType: text(c.accountsReceivableTaxType),
    accountsPayableTaxType: text(c.accountsPayableTaxType),
    balances: b
      ? {
          receivableOutstanding: money(b.accountsReceivable?.outstanding),
          receivableOverdue: money(b.accountsReceivable?.overdue),
          payableOutstanding: money(b.accountsPayable?.outstanding),
          payableOverdue: money(b.accountsPayable?.overdue),
        }
      : null,
    updatedAt: instantOf(c.updatedDateUTC),
  };
}

export function normaliseItem(i: XeroItem): Item {
  return {
    itemId: String(i.itemID),
    code: i.code ?? '',
    name: text(i.name),
    description: text(i.description),
    isSold: i.isSold === true,
    isPurchased: i.isPurchased === true,
    isTrackedAsInventory: i.isTrackedAsInventory === true,
    salesUnitPrice: priceText(i.salesDetails?.unitPrice),
    salesAccountCode: text(i.salesDetails?.accountCode),
    salesTaxType: text(i.salesDetails?.taxType),
    purchaseUnitPrice: priceText(i.purchaseDetails?.unitPrice),
    purchaseAccountCode: text(i.purchaseDetails?.accountCode),
    purchaseTaxType: text(i.purchaseDetails?.taxType),
    updatedAt: instantOf(i.updatedDateUTC),
  };
}

function allocations(list: XeroAllocation[] | undefined): Allocation[] {
  return (list ?? [])
    .filter((a) => a.isDeleted !== true)
    .map((a) => ({ invoiceId: String(a.invoice?.invoiceID), amount: money(a.amount), date: xeroDate(a.date) }));
}

function documentBase(
  d: {
    contact?: XeroContact;
    date?: string;
    status?: unknown;
    currencyCode?: unknown;
    currencyRate?: number;
    total?: number;
    updatedDateUTC?: Date;
  },
  baseCurrency: string,
) {
  return {
    contactId: String(d.contact?.contactID),
    contactName: d.contact?.name ?? '',
    date: xeroDate(d.date),
    status: String(d.status ?? ''),
    currencyCode: String(d.currencyCode ?? baseCurrency),
    currencyRate: rate(d.currencyRate),
    total: money(d.total),
    updatedAt: instantOf(d.updatedDateUTC),
  };
}

export function normaliseInvoice(i: XeroInvoice, baseCurrency: string): Invoice {
  return {
    invoiceId: String(i.invoiceID),
    type: String(i.type),
    number: text(i.invoiceNumber),
    reference: text(i.reference),
    dueDate: optionalDate(i.dueDate),
    subTotal: money(i.subTotal),
    totalTax: money(i.totalTax),
    amountDue: money(i.amountDue),
    amountPaid: money(i.amountPaid),
    amountCredited: money(i.amountCredited),
    ...documentBase(i, baseCurrency),
  };
}

/** What credit notes, overpayments and prepayments share: their type, the credit left, its allocations. */
function creditBase(c: XeroOverpayment | XeroPrepayment | XeroCreditNote, baseCurrency: string) {
  return { type: String(c.type), remainingCredit: money(c.remainingCredit), allocations: allocations(c.allocations), ...documentBase(c, baseCurrency) };
}

export function normaliseCreditNote(c: XeroCreditNote, baseCurrency: string): CreditNote {
  return { creditNoteId: String(c.creditNoteID), number: text(c.creditNoteNumber), reference: text(c.reference), ...creditBase(c, baseCurrency) };
}

export function normaliseOverpayment(o: XeroOverpayment, baseCurrency: string): Overpayment {
  return { creditId: String(o.overpaymentID), ...creditBase(o, baseCurrency) };
}

export function normalisePrepayment(p: XeroPrepayment, baseCurrency: string): Prepayment {
  return { creditId: String(p.prepaymentID), ...creditBase(p, baseCurrency) };
}

export function normalisePayment(p: XeroPayment): Payment {
  return {
    paymentId: String(p.paymentID),
    paymentType: String(p.paymentType ?? ''),
    status: String(p.status ?? 'AUTHORISED'),
    date: xeroDate(p.date),
    amount: money(p.amount),
    currencyRate: rate(p.currencyRate),
    invoiceId: text(p.invoice?.invoiceID),
    creditNoteId: text(p.creditNote?.creditNoteID),
    overpaymentId: text(p.overpayment?.overpaymentID),
    prepaymentId: text(p.prepayment?.prepaymentID),
    accountId: text(p.account?.accountID),
    accountCode: text(p.account?.code),
    reference: text(p.reference),
    updatedAt: instantOf(p.updatedDateUTC),
  };
}
