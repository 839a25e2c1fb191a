import { z } from 'zod';
import { MS_DATE } from './dates';

/**
 * The shape of Xero's raw Accounting API response bodies (PascalCase, `/Date(ms+0000)/` dates),
 * checked before xero-node's deserializer reads them, so that a malformed file or response
 * is reported with the field that is wrong instead of turning into silent undefined values.
 * Only the fields the proxy relies on are checked; every other field passes through untouched.
 */

const isoDateTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const rawDate = z.string().refine((s) => MS_DATE.test(s) || isoDateTime.test(s), {
  message: 'expected a Xero date such as /Date(1518685950940+0000)/ or 2018-02-15T00:00:00',
});

const guid = z.string().min(1, 'expected an id');
const text = z.string();
const amount = z.number({ error: 'expected a number' }).finite();
const flag = z.boolean({ error: 'expected true or false' });

const rawContactRef = z.looseObject({ ContactID: guid, Name: text.optional() });
const rawAllocation = z.looseObject({
  Amount: amount,
  Date: rawDate,
  Invoice: z.looseObject({ InvoiceID: guid }),
});
const rawPaymentRef = z.looseObject({ PaymentID: guid, Date: rawDate.optional(), Amount: amount.optional() });

const rawOrganisation = z.looseObject({
  OrganisationID: guid,
  Name: text,
  BaseCurrency: z.string().length(3, 'expected a three-letter currency code'),
  CountryCode: text.optional(),
  LegalName: text.optional(),
  ShortCode: text.optional(),
});

const rawAccount = z.looseObject({
  AccountID: guid,
  // Xero's spec marks these optional (its own example account has no Status): ACTIVE is assumed.
  Name: text.optional(),
  Type: text.optional(),
  Status: text.optional(),
  Code: text.optional(),
  Class: text.optional(),
  EnablePaymentsToAccount: flag.optional(),
  UpdatedDateUTC: rawDate.optional(),
});

const rawTaxRate = z.looseObject({
  TaxType: guid,
  Name: text,
  Status: text,
  EffectiveRate: amount,
  DisplayTaxRate: amount.optional(),
  TaxComponents: z.array(z.looseObject({ Name: text, Rate: amount, IsCompound: flag.optional(), IsNonRecoverable: flag.optional() })).optional(),
  CanApplyToAssets: flag.optional(),
  CanApplyToEquity: flag.optional(),
  CanApplyToExpenses: flag.optional(),
  CanApplyToLiabilities: flag.optional(),
  CanApplyToRevenue: flag.optional(),
});

const rawContact = z.looseObject({
  ContactID: guid,
  Name: text,
  ContactStatus: text.optional(),
  IsCustomer: flag.optional(),
  IsSupplier: flag.optional(),
  EmailAddress: text.optional(),
  UpdatedDateUTC: rawDate.optional(),
  Balances: z
    .looseObject({
      AccountsReceivable: z.looseObject({ Outstanding: amount, Overdue: amount }).optional(),
      AccountsPayable: z.looseObject({ Outstanding: amount, Overdue: amount }).optional(),
    })
    .optional(),
});

const rawItem = z.looseObject({
  ItemID: guid,
  Code: text,
  Name: text.optional(),
  SalesDetails: z.looseObject({ UnitPrice: amount.optional() }).optional(),
  PurchaseDetails: z.looseObject({ UnitPrice: amount.optional() }).optional(),
  UpdatedDateUTC: rawDate.optional(),
});

const rawDocument = {
  Contact: rawContactRef,
  Date: rawDate,
  Status: text,
  Total: amount,
  CurrencyCode: text.optional(),
  CurrencyRate: amount.optional(),
  UpdatedDateUTC: rawDate.optional(),
};

const rawInvoice = z.looseObject({
  InvoiceID: guid,
  Type: text,
  DueDate: rawDate.optional(),
  SubTotal: amount.optional(),
  TotalTax: amount.optional(),
  AmountDue: amount.optional(),
  AmountPaid: amount.optional(),
  AmountCredited: amount.optional(),
  Payments: z.array(rawPaymentRef).optional(),
  ...rawDocument,
});

/** Credit notes, overpayments and prepayments: a document with credit left and where it went. */
const rawCredit = { Type: text, RemainingCredit: amount.optional(), Allocations: z.array(rawAllocation).optional(), ...rawDocument };

const rawCreditNote = z.looseObject({ CreditNoteID: guid, ...rawCredit });
const rawOverpayment = z.looseObject({ OverpaymentID: guid, ...rawCredit });
const rawPrepayment = z.looseObject({ PrepaymentID: guid, ...rawCredit });

const rawPayment = z.looseObject({
  PaymentID: guid,
  Date: rawDate,
  Amount: amount,
  Status: text.optional(),
  PaymentType: text.optional(),
  CurrencyRate: amount.optional(),
  Invoice: z.looseObject({ InvoiceID: guid }).optional(),
  CreditNote: z.looseObject({ CreditNoteID: guid }).optional(),
  Overpayment: z.looseObject({ OverpaymentID: guid }).optional(),
  Prepayment: z.looseObject({ PrepaymentID: guid }).optional(),
  Account: z.looseObject({ AccountID: guid.optional(), Code: text.optional() }).optional(),
  UpdatedDateUTC: rawDate.optional(),
});

const pagination = z
  .looseObject({
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
    itemCount: z.number().int(),
  })
  .optional();

function envelope<K extends string, T extends z.ZodType>(key: K, record: T) {
  return z.looseObject({ [key]: z.array(record), pagination } as { [P in K]: z.ZodArray<T> } & {
    pagination: typeof pagination;
  });
}

/** Each Accounting API endpoint the proxy reads: the response file name, the collection key and xero-node's model name. */
export const endpoints = {
  Organisation: { key: 'Organisations', model: 'Organisations', schema: envelope('Organisations', rawOrganisation) },
  Accounts: { key: 'Accounts', model: 'Accounts', schema: envelope('Accounts', rawAccount) },
  TaxRates: { key: 'TaxRates', model: 'TaxRates', schema: envelope('TaxRates', rawTaxRate) },
  Contacts: { key: 'Contacts', model: 'Contacts', schema: envelope('Contacts', rawContact) },
  Items: { key: 'Items', model: 'Items', schema: envelope('Items', rawItem) },
  Invoices: { key: 'Invoices', model: 'Invoices', schema: envelope('Invoices', rawInvoice) },
  CreditNotes: { key: 'CreditNotes', model: 'CreditNotes', schema: envelope('CreditNotes', rawCreditNote) },
  Payments: { key: 'Payments', model: 'Payments', schema: envelope('Payments', rawPayment) },
  Overpayments: { key: 'Overpayments', model: 'Overpayments', schema: envelope('Overpayments', rawOverpayment) },
  Prepayments: { key: 'Prepayments', model: 'Prepayments', schema: envelope('Prepayments', rawPrepayment) },
} as const;

export type EndpointName = keyof typeof endpoints;
export const endpointNames = Object.keys(endpoints) as EndpointName[];

/** Formats a zod issue path as Xero's field path, e.g. `Invoices[12].Contact.ContactID`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(the whole body)';
}

/** A read's answer, kept as text by the client (see connections.ts), parsed once by the gateway (not JSON: Xero's shape check refuses it). */
export function answerOf(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return text;
  }
}
