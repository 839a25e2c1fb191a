import seedrandom from 'seedrandom';
import chartOfAccounts from './chart-of-accounts.json';
import { addDays, addMonths, daysBetween, isoDate } from '../../core/dates';
import type { IsoDate } from '../../core/dates';
import { centsToDecimal, cents, convertAtRate } from '../../core/money';
import type { Cents } from '../../core/money';
import type { EndpointName } from '../../server/xero/raw';

/**
 * Generates the demo organisation as raw Xero Accounting API response bodies (PascalCase,
 * `/Date(ms+0000)/` dates), exactly as a snapshot of a real organisation would hold them.
 * Deterministic for a seed and an end date. Amounts are worked in cents and written as Xero's decimals.
 */

export type DemoOptions = {
  seed: string;
  /** The last day of activity; the ledger covers the 18 months before it. */
  end: IsoDate;
  customers: number;
  suppliers: number;
  salesInvoices: number;
  bills: number;
};

const DEMO_DEFAULTS: DemoOptions = {
  seed: 'xero-bridge-demo',
  end: isoDate('2026-10-31'),
  customers: 52,
  suppliers: 28,
  salesInvoices: 1050,
  bills: 450,
};

type Raw = Record<string, unknown>;
type Rng = () => number;

export const DEMO_TENANT_ID = '4a9e3b1c-5d2f-4e8a-9b6c-7d0e1f2a3b4c';

function msDate(date: IsoDate, ms = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `/Date(${Date.UTC(y, m - 1, d) + ms}+0000)/`;
}

function dateString(date: IsoDate): string {
  return `${date}T00:00:00`;
}

function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ['8', '9', 'a', 'b'][Math.floor(rng() * 4)] as string;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

function between(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng() * (high - low + 1));
}

const amount = (c: Cents) => centsToDecimal(c);

/** Tax at a whole-percent-hundredths rate, rounded half away from zero to the cent. */
function taxOn(net: Cents, ratePercent: number): Cents {
  const scaled = net * Math.round(ratePercent * 100);
  const q = Math.trunc(scaled / 10_000);
  const r = Math.abs(scaled % 10_000);
  return cents(q + (r * 2 >= 10_000 ? Math.sign(scaled) : 0));
}

// ---------------------------------------------------------------- reference data

/** The demo's chart of accounts (scripts/demo/chart-of-accounts.json): code, name, type, class, tax type, and any other fields. */
type ChartAccount = [code: string, name: string, type: string, cls: string, tax: string, extra?: Raw];
const ACCOUNTS = chartOfAccounts as unknown as readonly ChartAccount[];

type TaxDef = { type: string; name: string; report: string; components: [string, number][]; applies: string[]; status?: string };
const TAX_RATES: TaxDef[] = [
  { type: 'OUTPUT', name: 'GST on Income', report: 'OUTPUT', components: [['GST', 10]], applies: ['ASSET', 'EQUITY', 'LIABILITY', 'REVENUE'] },
  { type: 'INPUT', name: 'GST on Expenses', report: 'INPUT', components: [['GST', 10]], applies: ['ASSET', 'EQUITY', 'EXPENSE', 'LIABILITY'] },
  { type: 'EXEMPTOUTPUT', name: 'GST Free Income', report: 'EXEMPTOUTPUT', components: [['GST', 0]], applies: ['ASSET', 'EQUITY', 'LIABILITY', 'REVENUE'] },
  {
    type: 'EXEMPTEXPENSES',
    name: 'GST Free Expenses',
    report: 'EXEMPTEXPENSES',
    components: [['GST', 0]],
    applies: ['ASSET', 'EQUITY', 'EXPENSE', 'LIABILITY'],
  },
  { type: 'EXEMPTEXPORT', name: 'GST Free Exports', report: 'EXEMPTEXPORT', components: [['GST', 0]], applies: ['REVENUE'] },
  { type: 'INPUTTAXED', name: 'Input Taxed', report: 'INPUTTAXED', components: [['GST', 0]], applies: ['ASSET', 'EQUITY', 'EXPENSE', 'LIABILITY', 'REVENUE'] },
  {
    type: 'BASEXCLUDED',
    name: 'BAS Excluded',
    report: 'BASEXCLUDED',
    components: [['GST', 0]],
    applies: ['ASSET', 'EQUITY', 'EXPENSE', 'LIABILITY', 'REVENUE'],
  },
  { type: 'GSTONIMPORTS', name: 'GST on Imports', report: 'GSTONIMPORTS', components: [['GST', 10]], applies: ['ASSET', 'EXPENSE', 'LIABILITY'] },
  {
    type: 'TAX001',
    name: 'GST and WET on Wine Sales',
    report: 'OUTPUT',
    components: [
      ['GST', 10],
      ['WET', 29],
    ],
    applies: ['REVENUE'],
  },
  { type: 'TAX002', name: 'GST on Capital Purchases (old)', report: 'CAPEXINPUT', components: [['GST', 10]], applies: ['ASSET'], status: 'ARCHIVED' },
];

const NAME_FIRST = [
  'Harbour',
  'Coastal',
  'Summit',
  'Blue Gum',
  'Ironbark',
  'Wattle',
  'Southern',
  'Granite',
  'Riverbend',
  'Saltbush',
  'Kestrel',
  'Banksia',
  'Emu Creek',
  'Redgum',
  'Pelican',
  'Lighthouse',
  'Jacaranda',
  'Bellbird',
  'Karri',
  'Sandstone',
];
const NAME_SECOND = [
  'Cellars',
  'Hospitality',
  'Wine Bar',
  'Bistro',
  'Providores',
  'Hotel',
  'Events',
  'Liquor',
  'Catering',
  'Kitchen',
  'Brewing Co',
  'Deli',
  'Trading',
  'Grocers',
  'Tavern',
];
const SUPPLIER_NAMES = [
  'Barossa Bottling Supplies',
  'Clare Valley Corks',
  'Hunter Glassworks',
  'Eden Freight Lines',
  'McLaren Label Printers',
  'Adelaide Power & Gas',
  'Metro Office Supplies',
  'Southern Cross Insurance',
  'Telstra Business',
  'Yarra Property Group',
  'Coonawarra Vineyards',
  'Margaret River Estates',
  'Rutherglen Fortifieds',
  'Tamar Valley Wines',
  'Orange Region Growers',
  'Mudgee Cellar Door',
  'Swan Valley Produce',
  'Riverland Citrus',
  'Cellar Tech Refrigeration',
  'Pallet & Crate Co',
  'Brisbane Courier Services',
  'Hobart Timber Barrels',
  'Geelong Signage',
  'Canberra IT Services',
  'Darwin Logistics',
  'Perth Packaging',
  'Alice Springs Transport',
  'Sydney Marketing Group',
  'Cairns Cold Storage',
  'Launceston Labs',
];
const FOREIGN: Array<{ name: string; currency: string; rate: number }> = [
  { name: 'Napa Fine Imports Inc', currency: 'USD', rate: 0.6512 },
  { name: 'Seattle Cellar Club LLC', currency: 'USD', rate: 0.6498 },
  { name: 'Auckland Wine Merchants Ltd', currency: 'NZD', rate: 1.0934 },
];
const ITEM_NAMES = [
  'Shiraz 750ml',
  'Cabernet Sauvignon 750ml',
  'Chardonnay 750ml',
  'Riesling 750ml',
  'Pinot Noir 750ml',
  'Sparkling Brut 750ml',
  'Rosé 750ml',
  'Tawny Port 500ml',
  'Shiraz Magnum 1.5L',
  'Mixed Dozen',
  'Tasting Voucher',
  'Cellar Tour',
  'Gift Box',
  'Wine Glasses (6)',
  'Decanter',
  'Corkscrew',
  'Cheese Platter',
  'Event Hire (half day)',
  'Event Hire (full day)',
  'Delivery Metro',
  'Delivery Regional',
  'Club Membership',
  'Semillon 750ml',
  'Grenache 750ml',
  'Verdelho 750ml',
  'Muscat 375ml',
  'Cellar Door Tasting',
  'Label Personalisation',
  'Barrel Tasting',
  'Vintage Sampler',
];

// ---------------------------------------------------------------- generator

type ContactRec = Raw & { ContactID: string; Name: string; currency: string; rate: number; terms: number; isCustomer: boolean; isSupplier: boolean };
type DocState = {
  raw: Raw;
  contact: ContactRec;
  total: Cents;
  paid: Cents;
  credited: Cents;
  date: IsoDate;
  due: IsoDate;
  rate: number;
  currency: string;
  sales: boolean;
};

export function generateDemo(options: Partial<DemoOptions> = {}): Record<EndpointName, Raw> {
  const o: DemoOptions = { ...DEMO_DEFAULTS, ...options };
  const rng: Rng = seedrandom(o.seed);
  const start = addMonths(o.end, -18);
  const span = daysBetween(start, o.end);
  const stamp = (date: IsoDate) => {
    const d = date > o.end ? o.end : date;
    return msDate(d, between(rng, 8, 17) * 3_600_000 + between(rng, 0, 3_599_999));
  };

  // Accounts
  const accountIds = new Map<string, string>();
  const accounts = ACCOUNTS.map(([code, name, type, cls, tax, extra]) => {
    const id = uuid(rng);
    accountIds.set(code, id);
    return {
      AccountID: id,
      Code: code,
      Name: name,
      Status: 'ACTIVE',
      Type: type,
      TaxType: tax,
      Class: cls,
      EnablePaymentsToAccount: false,
      ShowInExpenseClaims: cls === 'EXPENSE',
      ReportingCode: `${cls.slice(0, 3)}`,
      HasAttachments: false,
      UpdatedDateUTC: stamp(start),
      AddToWatchlist: false,
      ...extra,
    };
  });

  const taxRates = TAX_RATES.map((t) => {
    const effective = t.components.reduce((sum, [, r]) => sum + r, 0);
    return {
      Name: t.name,
      TaxType: t.type,
      ReportTaxType: t.report,
      CanApplyToAssets: t.applies.includes('ASSET'),
      CanApplyToEquity: t.applies.includes('EQUITY'),
      CanApplyToExpenses: t.applies.includes('EXPENSE'),
      CanApplyToLiabilities: t.applies.includes('LIABILITY'),
      CanApplyToRevenue: t.applies.includes('REVENUE'),
      DisplayTaxRate: effective,
      EffectiveRate: effective,
      Status: t.status ?? 'ACTIVE',
      TaxComponents: t.components.map(([name, rate]) => ({ Name: name, Rate: rate, IsCompound: false, IsNonRecoverable: false })),
    };
  });
  const taxPercent = new Map(taxRates.map((t) => [t.TaxType, t.EffectiveRate]));

  // Contacts
  const contacts: ContactRec[] = [];
  const usedNames = new Set<string>();
  const makeContact = (name: string, customer: boolean, supplier: boolean, currency = 'AUD', rate = 1): ContactRec => {
    usedNames.add(name);
    const n = contacts.length + 1;
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.|\.$/g, '');
    const c: ContactRec = {
      ContactID: uuid(rng),
      ContactNumber: `C${String(n).padStart(4, '0')}`,
      AccountNumber: n % 7 === 0 ? String(n * 37).padStart(6, '0') : `ACC-${String(n).padStart(4, '0')}`,
      ContactStatus: 'ACTIVE',
      Name: name,
      EmailAddress: `accounts@${slug}.example`,
      IsSupplier: supplier,
      IsCustomer: customer,
      DefaultCurrency: currency,
      ...(customer ? { SalesDefaultAccountCode: pick(rng, ['200', '210', '0400']), AccountsReceivableTaxType: 'OUTPUT' } : {}),
      ...(supplier ? { PurchasesDefaultAccountCode: pick(rng, ['300', '310', '453']), AccountsPayableTaxType: 'INPUT' } : {}),
      UpdatedDateUTC: stamp(start),
      HasAttachments: false,
      currency,
      rate,
      terms: pick(rng, [7, 14, 30, 30, 30]),
      isCustomer: customer,
      isSupplier: supplier,
    };
    contacts.push(c);
    return c;
  };
  const customerNames: string[] = [];
  while (customerNames.length < o.customers - FOREIGN.length - 2) {
    const base = `${pick(rng, NAME_FIRST)} ${pick(rng, NAME_SECOND)}`;
    // There are 300 two-word names; larger generated ledgers number the rest.
    const name = customerNames.length < 250 ? base : `${base} ${customerNames.length + 1}`;
    if (!usedNames.has(name) && !customerNames.includes(name)) customerNames.push(name);
  }
  const customers = customerNames.map((name) => makeContact(name, true, false));
  customers.push(makeContact('=HYPERLINK Cellars & Co', true, false));
  customers.push(makeContact('@home Wine Club', true, false));
  for (const f of FOREIGN) customers.push(makeContact(f.name, true, false, f.currency, f.rate));
  const suppliers = SUPPLIER_NAMES.slice(0, o.suppliers).map((name, i) => makeContact(name, i % 9 === 4, true));
  // One archived customer with no activity in the last year.
  const archived = customers[3] as ContactRec;
  archived.ContactStatus = 'ARCHIVED';

  // Items
  const items = ITEM_NAMES.map((name, i) => {
    const price = cents(between(rng, 8, 120) * 100 + pick(rng, [0, 50, 95, 99]));
    return {
      ItemID: uuid(rng),
      Code: i % 10 === 9 ? String(i + 1).padStart(4, '0') : `SKU-${String(i + 1).padStart(3, '0')}`,
      Name: name,
      Description: name,
      PurchaseDescription: name,
      IsSold: true,
      IsPurchased: i < 24,
      IsTrackedAsInventory: false,
      SalesDetails: { UnitPrice: amount(price), AccountCode: i % 3 === 0 ? '0400' : '200', TaxType: i === 0 ? 'TAX001' : 'OUTPUT' },
      ...(i < 24 ? { PurchaseDetails: { UnitPrice: amount(cents(Math.round(price * 0.45))), AccountCode: '300', TaxType: 'INPUT' } } : {}),
      UpdatedDateUTC: stamp(start),
    };
  });

  // Invoices and bills
  const docs: DocState[] = [];
  const addInvoice = (sales: boolean, contact: ContactRec, date: IsoDate, number: number) => {
    const lines = between(rng, 1, 3);
    const lineItems: Raw[] = [];
    let subTotal = 0;
    let totalTax = 0;
    for (let l = 0; l < lines; l++) {
      const item = pick(rng, items);
      const quantity = between(rng, 1, 24);
      const unit = sales ? cents(Math.round((item.SalesDetails.UnitPrice as number) * 100)) : cents(between(rng, 20, 900) * 100 + between(rng, 0, 99));
      const lineAmount = cents(unit * quantity);
      const taxType = contact.currency !== 'AUD' ? (sales ? 'EXEMPTEXPORT' : 'INPUT') : sales ? item.SalesDetails.TaxType : 'INPUT';
      const tax = taxOn(lineAmount, taxPercent.get(taxType) ?? 0);
      subTotal += lineAmount;
      totalTax += tax;
      lineItems.push({
        LineItemID: uuid(rng),
        Description: sales ? item.Name : `${pick(rng, ['Supply', 'Service', 'Freight', 'Materials'])}: ${contact.Name}`,
        Quantity: quantity,
        UnitAmount: amount(unit),
        ...(sales ? { ItemCode: item.Code } : {}),
        AccountCode: sales ? (contact.currency !== 'AUD' ? '220' : item.SalesDetails.AccountCode) : pick(rng, ['300', '310', '425', '453', '485']),
        TaxType: taxType,
        TaxAmount: amount(tax),
        LineAmount: amount(lineAmount),
        Tracking: [],
      });
    }
    const total = cents(subTotal + totalTax);
    const due = addDays(date, contact.terms);
    const rate = contact.currency === 'AUD' ? 1 : Number((contact.rate * (1 + (rng() - 0.5) * 0.06)).toFixed(4));
    const raw: Raw = {
      Type: sales ? 'ACCREC' : 'ACCPAY',
      InvoiceID: uuid(rng),
      InvoiceNumber: sales
        ? `INV-${String(number).padStart(4, '0')}`
        : `${contact.Name.split(' ')[0]?.toUpperCase().slice(0, 4)}-${between(rng, 10000, 99999)}`,
      Reference: sales ? `PO ${between(rng, 1000, 9999)}` : '',
      Contact: { ContactID: contact.ContactID, Name: contact.Name },
      Date: msDate(date),
      DateString: dateString(date),
      DueDate: msDate(due),
      DueDateString: dateString(due),
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      LineItems: lineItems,
      SubTotal: amount(cents(subTotal)),
      TotalTax: amount(cents(totalTax)),
      Total: amount(total),
      CurrencyCode: contact.currency,
      CurrencyRate: rate,
      HasAttachments: false,
      IsDiscounted: false,
    };
    const doc: DocState = { raw, contact, total, paid: cents(0), credited: cents(0), date, due, rate, currency: contact.currency, sales };
    docs.push(doc);
    return doc;
  };

  const activeCustomers = customers.filter((c) => c !== archived);
  const archivedCutoff = addMonths(o.end, -12);
  const dates = (n: number) => Array.from({ length: n }, () => addDays(start, Math.floor(Math.pow(rng(), 0.85) * span))).sort();
  dates(o.salesInvoices).forEach((date, i) => {
    const pool = date < archivedCutoff && rng() < 0.03 ? [archived] : activeCustomers;
    addInvoice(true, pick(rng, pool), date, i + 1);
  });
  dates(o.bills).forEach((date, i) => addInvoice(false, pick(rng, suppliers), date, i + 1));

  // Payments
  const payments: Raw[] = [];
  const bankFor = (doc: DocState) => (doc.currency === 'USD' ? '092' : doc.sales && rng() < 0.15 ? '615' : '090');
  const pay = (doc: DocState, date: IsoDate, value: Cents, status = 'AUTHORISED') => {
    const code = bankFor(doc);
    const paymentRate = doc.rate === 1 ? 1 : Number((doc.rate * (1 + (rng() - 0.5) * 0.02)).toFixed(4));
    const raw: Raw = {
      PaymentID: uuid(rng),
      Date: msDate(date),
      BankAmount: amount(value),
      Amount: amount(value),
      Reference: `${doc.sales ? 'Receipt' : 'Payment'} ${doc.raw.InvoiceNumber as string}`,
      CurrencyRate: paymentRate,
      PaymentType: doc.sales ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT',
      Status: status,
      UpdatedDateUTC: stamp(date),
      HasAccount: true,
      IsReconciled: date < addDays(o.end, -20),
      Account: { AccountID: accountIds.get(code), Code: code },
      Invoice: {
        Type: doc.raw.Type,
        InvoiceID: doc.raw.InvoiceID,
        InvoiceNumber: doc.raw.InvoiceNumber,
        Contact: { ContactID: doc.contact.ContactID, Name: doc.contact.Name },
        CurrencyCode: doc.currency,
      },
      HasValidationErrors: false,
    };
    payments.push(raw);
    if (status === 'AUTHORISED') doc.paid = cents(doc.paid + value);
    return raw;
  };

  for (const doc of docs) {
    const age = daysBetween(doc.date, o.end);
    const r = rng();
    // Older documents are mostly settled; recent ones mostly open; some are paid in parts.
    const settleChance = age > 120 ? 0.93 : age > 60 ? 0.75 : age > 30 ? 0.45 : 0.15;
    if (r < settleChance) {
      const late = between(rng, -10, 35);
      const payDate = addDays(doc.due, late) > o.end ? o.end : addDays(doc.due, late);
      if (payDate < doc.date) continue;
      if (rng() < 0.12 && doc.total >= 200) {
        const first = cents(Math.round(doc.total * (0.3 + rng() * 0.4)));
        const firstDate = addDays(doc.date, between(rng, 1, Math.max(1, daysBetween(doc.date, payDate))));
        pay(doc, firstDate > o.end ? o.end : firstDate, first);
        if (rng() < 0.7) pay(doc, payDate, cents(doc.total - first));
      } else {
        pay(doc, payDate, doc.total);
      }
    } else if (rng() < 0.1 && doc.total >= 200 && age > 5) {
      pay(doc, addDays(doc.date, between(rng, 1, Math.min(age, 20))), cents(Math.round(doc.total * 0.5)));
    }
  }
  // A payment entered in error and deleted: it never counts.
  const openSales = docs.filter((d) => d.sales && d.paid === 0 && d.currency === 'AUD');
  const deletedFor = openSales[Math.floor(openSales.length / 2)] as DocState;
  pay(deletedFor, addDays(deletedFor.date, 3), deletedFor.total, 'DELETED');

  // Credit notes with allocations (some partly allocated, one refunded in cash)
  const creditNotes: Raw[] = [];
  const allocationOf = (doc: DocState, value: Cents, date: IsoDate) => ({
    AllocationID: uuid(rng),
    Amount: amount(value),
    Date: msDate(date),
    Invoice: { InvoiceID: doc.raw.InvoiceID, InvoiceNumber: doc.raw.InvoiceNumber, Type: doc.raw.Type },
    IsDeleted: false,
  });
  const creditable = docs.filter((d) => d.paid < d.total && d.currency === 'AUD');
  const creditTargets = creditable.filter((_, i) => i % Math.max(1, Math.floor(creditable.length / 40)) === 0).slice(0, 40);
  creditTargets.forEach((doc, i) => {
    const open = cents(doc.total - doc.paid - doc.credited);
    const total = cents(Math.max(500, Math.round(open * (0.2 + rng() * 0.6))));
    const date = addDays(doc.date, between(rng, 1, 20)) > o.end ? o.end : addDays(doc.date, between(rng, 1, 20));
    const net = cents(Math.round(total / 1.1));
    const partly = i % 4 === 1;
    const allocated = partly ? cents(Math.round(total / 2)) : total;
    const allocations = [] as Raw[];
    let refunded = cents(0);
    if (i === 2) {
      // refunded in cash, not allocated
    } else if (allocated <= open) {
      allocations.push(allocationOf(doc, allocated, date));
      doc.credited = cents(doc.credited + allocated);
    }
    const id = uuid(rng);
    const raw: Raw = {
      CreditNoteID: id,
      CreditNoteNumber: `${doc.sales ? 'CN' : 'SCN'}-${String(i + 1).padStart(4, '0')}`,
      Type: doc.sales ? 'ACCRECCREDIT' : 'ACCPAYCREDIT',
      Reference: `Credit for ${doc.raw.InvoiceNumber as string}`,
      Contact: { ContactID: doc.contact.ContactID, Name: doc.contact.Name },
      Date: msDate(date),
      DateString: dateString(date),
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      LineItems: [
        {
          Description: 'Returned goods',
          Quantity: 1,
          UnitAmount: amount(net),
          AccountCode: doc.sales ? '200' : '300',
          TaxType: doc.sales ? 'OUTPUT' : 'INPUT',
          TaxAmount: amount(cents(total - net)),
          LineAmount: amount(net),
        },
      ],
      SubTotal: amount(net),
      TotalTax: amount(cents(total - net)),
      Total: amount(total),
      CurrencyCode: 'AUD',
      CurrencyRate: 1,
      Allocations: allocations,
      HasAttachments: false,
    };
    if (i === 2) {
      const refundDate = addDays(date, 5) > o.end ? o.end : addDays(date, 5);
      refunded = total;
      payments.push({
        PaymentID: uuid(rng),
        Date: msDate(refundDate),
        BankAmount: amount(total),
        Amount: amount(total),
        Reference: `Refund ${raw.CreditNoteNumber as string}`,
        CurrencyRate: 1,
        PaymentType: doc.sales ? 'ARCREDITPAYMENT' : 'APCREDITPAYMENT',
        Status: 'AUTHORISED',
        UpdatedDateUTC: stamp(refundDate),
        HasAccount: true,
        IsReconciled: false,
        Account: { AccountID: accountIds.get('090'), Code: '090' },
        CreditNote: { CreditNoteID: id, CreditNoteNumber: raw.CreditNoteNumber, Contact: raw.Contact },
        HasValidationErrors: false,
      });
    }
    const used = cents(allocations.reduce((s, a) => s + Math.round((a.Amount as number) * 100), 0) + refunded);
    const remaining = cents(total - used);
    raw.RemainingCredit = amount(remaining);
    raw.AppliedAmount = amount(used);
    raw.Status = remaining === 0 ? 'PAID' : 'AUTHORISED';
    raw.UpdatedDateUTC = stamp(date);
    creditNotes.push(raw);
  });

  // One overpayment and one prepayment, each partly allocated to a later invoice of the same customer.
  const prepaidCredit = (kind: 'Overpayment' | 'Prepayment', doc: DocState, total: Cents, date: IsoDate) => {
    const open = cents(doc.total - doc.paid - doc.credited);
    const allocated = cents(Math.min(open, Math.round(total * 0.4)));
    doc.credited = cents(doc.credited + allocated);
    const allocDate = doc.date > date ? doc.date : date;
    return {
      [`${kind}ID`]: uuid(rng),
      Type: `RECEIVE-${kind.toUpperCase()}`,
      Contact: { ContactID: doc.contact.ContactID, Name: doc.contact.Name },
      Date: msDate(date),
      Status: 'AUTHORISED',
      LineAmountTypes: kind === 'Overpayment' ? 'NoTax' : 'Inclusive',
      SubTotal: amount(total),
      TotalTax: 0,
      Total: amount(total),
      UpdatedDateUTC: stamp(allocDate),
      CurrencyCode: 'AUD',
      CurrencyRate: 1,
      RemainingCredit: amount(cents(total - allocated)),
      AppliedAmount: amount(allocated),
      Allocations: allocated > 0 ? [allocationOf(doc, allocated, allocDate)] : [],
      HasAttachments: false,
      Reference: kind === 'Overpayment' ? 'Paid twice' : 'Deposit for event',
    };
  };
  const openRecent = docs.filter((d) => d.sales && d.currency === 'AUD' && d.paid === 0 && d.credited === 0 && daysBetween(d.date, o.end) < 90);
  const overTarget = openRecent[0] as DocState;
  const preTarget = openRecent[openRecent.length - 1] as DocState;
  const overpayments = [prepaidCredit('Overpayment', overTarget, cents(25_000), addDays(overTarget.date, -10))];
  const prepayments = [prepaidCredit('Prepayment', preTarget, cents(50_000), addDays(preTarget.date, -20))];

  // A voided and a draft invoice, which never count.
  const voided = addInvoice(true, activeCustomers[0] as ContactRec, addDays(o.end, -200), o.salesInvoices + 1);
  voided.raw.Status = 'VOIDED';
  const draft = addInvoice(true, activeCustomers[1] as ContactRec, addDays(o.end, -3), o.salesInvoices + 2);
  draft.raw.Status = 'DRAFT';
  delete draft.raw.InvoiceNumber;

  // Settle every invoice's paid, credited and due amounts and its status.
  const paymentsByInvoice = new Map<unknown, Raw[]>();
  for (const p of payments) {
    const invoiceId = (p.Invoice as Raw | undefined)?.InvoiceID;
    if (invoiceId === undefined || p.Status !== 'AUTHORISED') continue;
    const list = paymentsByInvoice.get(invoiceId) ?? [];
    list.push(p);
    paymentsByInvoice.set(invoiceId, list);
  }
  for (const doc of docs) {
    const due = cents(doc.total - doc.paid - doc.credited);
    const paidBy = paymentsByInvoice.get(doc.raw.InvoiceID) ?? [];
    doc.raw.AmountPaid = amount(doc.paid);
    doc.raw.AmountCredited = amount(doc.credited);
    doc.raw.AmountDue = amount(due);
    if (doc.raw.Status === 'AUTHORISED' && due === 0) {
      doc.raw.Status = 'PAID';
      const lastPayment = paidBy
        .map((p) => p.Date as string)
        .sort()
        .pop();
      doc.raw.FullyPaidOnDate = lastPayment ?? doc.raw.Date;
    }
    doc.raw.Payments = paidBy.map((p) => ({
      PaymentID: p.PaymentID,
      Date: p.Date,
      Amount: p.Amount,
      Reference: p.Reference,
      CurrencyRate: p.CurrencyRate,
      HasAccount: true,
      HasValidationErrors: false,
    }));
    doc.raw.UpdatedDateUTC = stamp(doc.date);
  }

  // Contact balances as Xero reports them: open amounts in base currency, overdue when past due.
  const docsByContact = new Map<ContactRec, DocState[]>();
  for (const d of docs) {
    const list = docsByContact.get(d.contact) ?? [];
    list.push(d);
    docsByContact.set(d.contact, list);
  }
  const creditsByContact = new Map<unknown, Raw[]>();
  for (const cn of creditNotes) {
    const id = (cn.Contact as Raw).ContactID;
    const list = creditsByContact.get(id) ?? [];
    list.push(cn);
    creditsByContact.set(id, list);
  }
  for (const c of contacts) {
    let recOut = 0,
      recOver = 0,
      payOut = 0,
      payOver = 0;
    for (const d of docsByContact.get(c) ?? []) {
      if (d.raw.Status !== 'AUTHORISED') continue;
      const open = convertAtRate(cents(d.total - d.paid - d.credited), d.rate);
      if (d.sales) {
        recOut += open;
        if (d.due < o.end) recOver += open;
      } else {
        payOut += open;
        if (d.due < o.end) payOver += open;
      }
    }
    for (const cn of creditsByContact.get(c.ContactID) ?? []) {
      if (cn.Status !== 'AUTHORISED') continue;
      const remaining = cents(Math.round((cn.RemainingCredit as number) * 100));
      if (cn.Type === 'ACCRECCREDIT') recOut -= remaining;
      else payOut -= remaining;
    }
    c.Balances = {
      AccountsReceivable: { Outstanding: amount(cents(recOut)), Overdue: amount(cents(recOver)) },
      AccountsPayable: { Outstanding: amount(cents(payOut)), Overdue: amount(cents(payOver)) },
    };
    c.IsCustomer = c.isCustomer;
    c.IsSupplier = c.isSupplier;
  }

  const envelope = (key: string, list: unknown[]) => ({
    Id: uuid(rng),
    Status: 'OK',
    ProviderName: 'Xero Bridge demo generator',
    DateTimeUTC: msDate(o.end, 18 * 3_600_000),
    [key]: list,
  });
  const strip = ({ currency: _c, rate: _r, terms: _t, isCustomer: _ic, isSupplier: _is, ...rest }: ContactRec) => rest;

  return {
    Organisation: envelope('Organisations', [
      {
        OrganisationID: DEMO_TENANT_ID,
        APIKey: '',
        Name: 'Demo: Harbour & Vine Wines Pty Ltd',
        LegalName: 'Harbour & Vine Wines Pty Ltd',
        PaysTax: true,
        Version: 'AU',
        OrganisationType: 'COMPANY',
        BaseCurrency: 'AUD',
        CountryCode: 'AU',
        IsDemoCompany: true,
        OrganisationStatus: 'ACTIVE',
        TaxNumber: '12 345 678 901',
        FinancialYearEndDay: 30,
        FinancialYearEndMonth: 6,
        SalesTaxBasis: 'ACCRUALS',
        SalesTaxPeriod: 'QUARTERLY1',
        DefaultSalesTax: 'Tax Exclusive',
        DefaultPurchasesTax: 'Tax Inclusive',
        CreatedDateUTC: msDate(addMonths(start, -6)),
        OrganisationEntityType: 'COMPANY',
        Timezone: 'AUSEASTERNSTANDARDTIME',
        ShortCode: '!HvW42',
        Edition: 'BUSINESS',
        Class: 'STANDARD',
      },
    ]),
    Accounts: envelope('Accounts', accounts),
    TaxRates: envelope('TaxRates', taxRates),
    Contacts: envelope('Contacts', contacts.map(strip)),
    Items: envelope('Items', items),
    Invoices: envelope(
      'Invoices',
      docs.map((d) => d.raw),
    ),
    CreditNotes: envelope('CreditNotes', creditNotes),
    Payments: envelope('Payments', payments),
    Overpayments: envelope('Overpayments', overpayments),
    Prepayments: envelope('Prepayments', prepayments),
  };
}
