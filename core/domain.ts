import { z } from 'zod';
import { centsSchema } from './money';
import { isoDateSchema } from './dates';

/**
 * The organisation's records as the pane and the engines see them: Xero's records,
 * normalised once at the edge (amounts in cents, dates as yyyy-mm-dd, enums as their text).
 * Xero may add enum values, so statuses and types are kept as text with the known values documented.
 */

const id = z.string().min(1);
const optionalText = z.string().nullable();
/** An instant as ISO-8601 UTC text, e.g. UpdatedDateUTC. */
const instant = z.string().nullable();

export const organisationSchema = z.object({
  tenantId: id,
  name: z.string(),
  legalName: optionalText,
  baseCurrency: z.string().length(3),
  countryCode: optionalText,
  /** Xero's name of the organisation's timezone (a Windows zone name in capitals, e.g. AUSEASTERNSTANDARDTIME). */
  timezone: optionalText.default(null),
  shortCode: optionalText,
  /** Where the organisation comes from: Xero itself or a recorded snapshot. */
  source: z.enum(['xero', 'snapshot']),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** Account classes in Xero: ASSET, EQUITY, EXPENSE, LIABILITY, REVENUE. */
export const accountSchema = z.object({
  accountId: id,
  code: optionalText,
  name: z.string(),
  /** BANK, CURRENT, REVENUE, SALES, EXPENSE, DIRECTCOSTS, … */
  type: z.string(),
  class: optionalText,
  /** ACTIVE, ARCHIVED, DELETED */
  status: z.string(),
  taxType: optionalText,
  description: optionalText,
  bankAccountNumber: optionalText,
  currencyCode: optionalText,
  systemAccount: optionalText,
  enablePaymentsToAccount: z.boolean(),
  updatedAt: instant,
});
export type Account = z.infer<typeof accountSchema>;

const taxComponentSchema = z.object({
  name: z.string(),
  /** Percentage as decimal text, e.g. "12.5000". */
  rate: z.string(),
  isCompound: z.boolean(),
  isNonRecoverable: z.boolean(),
});

export const taxRateSchema = z.object({
  taxType: id,
  name: z.string(),
  /** ACTIVE, DELETED, ARCHIVED, PENDING */
  status: z.string(),
  reportTaxType: optionalText,
  /** Percentage as decimal text, e.g. "15.0000". */
  effectiveRate: z.string(),
  displayRate: z.string(),
  components: z.array(taxComponentSchema),
  canApplyToAssets: z.boolean(),
  canApplyToEquity: z.boolean(),
  canApplyToExpenses: z.boolean(),
  canApplyToLiabilities: z.boolean(),
  canApplyToRevenue: z.boolean(),
});
export type TaxRate = z.infer<typeof taxRateSchema>;

const contactBalancesSchema = z.object({
  receivableOutstanding: centsSchema,
  receivableOverdue: centsSchema,
  payableOutstanding: centsSchema,
  payableOverdue: centsSchema,
});

export const contactSchema = z.object({
  contactId: id,
  name: z.string(),
  contactNumber: optionalText,
  accountNumber: optionalText,
  /** ACTIVE, ARCHIVED, GDPRREQUEST */
  status: z.string(),
  email: optionalText,
  isCustomer: z.boolean(),
  isSupplier: z.boolean(),
  defaultCurrency: optionalText,
  salesDefaultAccountCode: optionalText,
  purchasesDefaultAccountCode: optionalText,
  accountsReceivableTaxType: optionalText,
  accountsPayableTaxType: optionalText,
  balances: contactBalancesSchema.nullable(),
  updatedAt: instant,
});
export type Contact = z.infer<typeof contactSchema>;

export const itemSchema = z.object({
  itemId: id,
  code: z.string(),
  name: optionalText,
  description: optionalText,
  isSold: z.boolean(),
  isPurchased: z.boolean(),
  isTrackedAsInventory: z.boolean(),
  /** Unit prices carry up to four decimals in Xero, so they stay decimal text; they are never summed. */
  salesUnitPrice: optionalText,
  salesAccountCode: optionalText,
  salesTaxType: optionalText,
  purchaseUnitPrice: optionalText,
  purchaseAccountCode: optionalText,
  purchaseTaxType: optionalText,
  updatedAt: instant,
});
export type Item = z.infer<typeof itemSchema>;

/** One amount of credit moved onto an invoice from a credit note, overpayment or prepayment. */
const allocationSchema = z.object({
  invoiceId: id,
  amount: centsSchema,
  date: isoDateSchema,
});
export type Allocation = z.infer<typeof allocationSchema>;

const documentBase = {
  contactId: id,
  contactName: z.string(),
  date: isoDateSchema,
  /** DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED */
  status: z.string(),
  currencyCode: z.string(),
  /** Units of document currency per one unit of base currency (Xero's CurrencyRate); 1 in base currency. */
  currencyRate: z.number().positive(),
  total: centsSchema,
  updatedAt: instant,
};

/** Invoices' and credit notes' own number and the reference the contact gave. */
const numbered = { number: optionalText, reference: optionalText };

/** Credit notes, overpayments and prepayments: what is left of the credit, and where it went. */
const creditBase = { remainingCredit: centsSchema, allocations: z.array(allocationSchema), ...documentBase };

/** @public The record's schema, beside the type inferred from it. */
export const invoiceSchema = z.object({
  invoiceId: id,
  /** ACCREC (sales invoice) or ACCPAY (bill) */
  type: z.string(),
  ...numbered,
  dueDate: isoDateSchema.nullable(),
  subTotal: centsSchema,
  totalTax: centsSchema,
  amountDue: centsSchema,
  amountPaid: centsSchema,
  amountCredited: centsSchema,
  ...documentBase,
});
export type Invoice = z.infer<typeof invoiceSchema>;

/** @public A credit note; its type is ACCRECCREDIT or ACCPAYCREDIT. */
export const creditNoteSchema = z.object({ creditNoteId: id, type: z.string(), ...numbered, ...creditBase });
export type CreditNote = z.infer<typeof creditNoteSchema>;

/**
 * @public Overpayments and prepayments: cash received or paid ahead of, or beyond, invoices; the type is
 * RECEIVE-OVERPAYMENT, SPEND-OVERPAYMENT, RECEIVE-PREPAYMENT or SPEND-PREPAYMENT.
 */
export const prepaidCreditSchema = z.object({ creditId: id, type: z.string(), ...creditBase });
export type Overpayment = z.infer<typeof prepaidCreditSchema>;
export type Prepayment = z.infer<typeof prepaidCreditSchema>;

/** @public The record's schema, beside the type inferred from it. */
export const paymentSchema = z.object({
  paymentId: id,
  /** ACCRECPAYMENT, ACCPAYPAYMENT, ARCREDITPAYMENT, APCREDITPAYMENT, AROVERPAYMENTPAYMENT, ARPREPAYMENTPAYMENT, … */
  paymentType: z.string(),
  /** AUTHORISED or DELETED */
  status: z.string(),
  date: isoDateSchema,
  /** In the currency of the document paid. */
  amount: centsSchema,
  currencyRate: z.number().positive(),
  invoiceId: optionalText,
  creditNoteId: optionalText,
  overpaymentId: optionalText,
  prepaymentId: optionalText,
  accountId: optionalText,
  accountCode: optionalText,
  reference: optionalText,
  updatedAt: instant,
});
export type Payment = z.infer<typeof paymentSchema>;

/** Every record of one organisation, as read from one source at one time. */
export type Ledger = {
  organisation: Organisation;
  accounts: Account[];
  taxRates: TaxRate[];
  contacts: Contact[];
  items: Item[];
  invoices: Invoice[];
  creditNotes: CreditNote[];
  payments: Payment[];
  overpayments: Overpayment[];
  prepayments: Prepayment[];
};
