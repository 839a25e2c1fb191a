import type { Allocation, Contact, CreditNote, Invoice, Overpayment, Payment, Prepayment } from '../../core/domain';
import { xeroDate } from './dates';
import { instantOf, money, optionalDate, rate, text } from './normalise';

/**
 * The ledger's large tables read straight from Xero's raw JSON (PascalCase) into core types, without
 * xero-node's ObjectSerializer (about 8 s per 100,000 invoices): the same fields, through the same helpers
 * as `normalise.ts`, so the result is the same record. tests/server/fast-read.test.ts holds the two readers
 * equal on every record of the demo, Xero's own examples and a generated organisation. Shapes are checked
 * once, when a page arrives from Xero (gateway.ts) or a snapshot is loaded; reads after that come here.
 */
export type Raw = Record<string, unknown>;

/** A nested object of a raw record, or undefined. */
export const obj = (v: unknown): Raw | undefined => (v && typeof v === 'object' ? (v as Raw) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function allocationsOf(list: unknown): Allocation[] {
  const out: Allocation[] = [];
  for (const a of Array.isArray(list) ? (list as Raw[]) : []) {
    if (a.IsDeleted === true) continue;
    out.push({ invoiceId: String(obj(a.Invoice)?.InvoiceID), amount: money(num(a.Amount)), date: xeroDate(a.Date) });
  }
  return out;
}

function documentBase(d: Raw, baseCurrency: string) {
  const contact = obj(d.Contact);
  return {
    contactId: String(contact?.ContactID),
    contactName: (contact?.Name as string | undefined) ?? '',
    date: xeroDate(d.Date),
    status: String(d.Status ?? ''),
    currencyCode: String(d.CurrencyCode ?? baseCurrency),
    currencyRate: rate(num(d.CurrencyRate)),
    total: money(num(d.Total)),
    updatedAt: instantOf(d.UpdatedDateUTC),
  };
}

function readInvoice(i: Raw, baseCurrency: string): Invoice {
  return {
    invoiceId: String(i.InvoiceID),
    type: String(i.Type),
    number: text(i.InvoiceNumber),
    reference: text(i.Reference),
    dueDate: optionalDate(i.DueDate),
    subTotal: money(num(i.SubTotal)),
    totalTax: money(num(i.TotalTax)),
    amountDue: money(num(i.AmountDue)),
    amountPaid: money(num(i.AmountPaid)),
    amountCredited: money(num(i.AmountCredited)),
    ...documentBase(i, baseCurrency),
  };
}

function creditBase(c: Raw, baseCurrency: string) {
  return { type: String(c.Type), remainingCredit: money(num(c.RemainingCredit)), allocations: allocationsOf(c.Allocations), ...documentBase(c, baseCurrency) };
}

function readCreditNote(c: Raw, baseCurrency: string): CreditNote {
  return { creditNoteId: String(c.CreditNoteID), number: text(c.CreditNoteNumber), reference: text(c.Reference), ...creditBase(c, baseCurrency) };
}

function readOverpayment(o: Raw, baseCurrency: string): Overpayment {
  return { creditId: String(o.OverpaymentID), ...creditBase(o, baseCurrency) };
}

function readPrepayment(p: Raw, baseCurrency: string): Prepayment {
  return { creditId: String(p.PrepaymentID), ...creditBase(p, baseCurrency) };
}

function readPayment(p: Raw): Payment {
  const account = obj(p.Account);
  return {
    paymentId: String(p.PaymentID),
    paymentType: String(p.PaymentType ?? ''),
    status: String(p.Status ?? 'AUTHORISED'),
    date: xeroDate(p.Date),
    amount: money(num(p.Amount)),
    currencyRate: rate(num(p.CurrencyRate)),
    invoiceId: text(obj(p.Invoice)?.InvoiceID),
    creditNoteId: text(obj(p.CreditNote)?.CreditNoteID),
    overpaymentId: text(obj(p.Overpayment)?.OverpaymentID),
    prepaymentId: text(obj(p.Prepayment)?.PrepaymentID),
    accountId: text(account?.AccountID),
    accountCode: text(account?.Code),
    reference: text(p.Reference),
    updatedAt: instantOf(p.UpdatedDateUTC),
  };
}

function readContact(c: Raw): Contact {
  const b = obj(c.Balances);
  const ar = obj(b?.AccountsReceivable);
  const ap = obj(b?.AccountsPayable);
  return {
    contactId: String(c.ContactID),
    name: (c.Name as string | undefined) ?? '',
    contactNumber: text(c.ContactNumber),
    accountNumber: text(c.AccountNumber),
    status: String(c.ContactStatus ?? 'ACTIVE'),
    email: text(c.EmailAddress),
    isCustomer: c.IsCustomer === true,
    isSupplier: c.IsSupplier === true,
    defaultCurrency: text(c.DefaultCurrency),
    salesDefaultAccountCode: text(c.SalesDefaultAccountCode),
    purchasesDefaultAccountCode: text(c.PurchasesDefaultAccountCode),
    accountsReceivableTaxType: text(c.AccountsReceivableTaxType),
    accountsPayableTaxType: text(c.AccountsPayableTaxType),
    balances: b
      ? {
          receivableOutstanding: money(num(ar?.Outstanding)),
          receivableOverdue: money(num(ar?.Overdue)),
          payableOutstanding: money(num(ap?.Outstanding)),
          payableOverdue: money(num(ap?.Overdue)),
        }
      : null,
    updatedAt: instantOf(c.UpdatedDateUTC),
  };
}

export type FastTable = 'invoices' | 'creditNotes' | 'payments' | 'overpayments' | 'prepayments' | 'contacts';

const READERS: Record<FastTable, (r: Raw, base: string) => unknown> = {
  invoices: readInvoice,
  creditNotes: readCreditNote,
  payments: (r) => readPayment(r),
  overpayments: readOverpayment,
  prepayments: readPrepayment,
  contacts: (r) => readContact(r),
};

/** Each of these tables' id field in core records (a merge or a cache row goes by it). */
export const ID_FIELDS: Record<FastTable, string> = {
  invoices: 'invoiceId',
  creditNotes: 'creditNoteId',
  payments: 'paymentId',
  overpayments: 'creditId',
  prepayments: 'creditId',
  contacts: 'contactId',
};

/** Whether a table is one of the large ones read here (accounts, tax rates and items: ./small-read.ts). */
export function hasFastReader(table: string): table is FastTable {
  return table in READERS;
}

/** Raw records (already checked against Xero's format) as core records of the table. */
export function readRecords(table: FastTable, records: readonly unknown[], baseCurrency: string): unknown[] {
  const read = READERS[table];
  return records.map((r) => read(r as Raw, baseCurrency));
}
