import type { Account, Item, Organisation, TaxRate } from '../../core/domain';
import { obj } from './fast-read';
import type { Raw } from './fast-read';
import { decimalText, instantOf, priceText, text } from './normalise';

/**
 * The small tables (accounts, tax rates, items) and the organisation read straight from Xero's raw JSON
 * (PascalCase) into core types, as fast-read.ts reads the large ones: the same fields, through the same helpers as
 * `normalise.ts`, so that no read needs xero-node (nor its 0.3 s to load). tests/server/fast-read.test.ts holds them
 * equal to xero-node's models and the normaliser on the demo, generated organisations and Xero's own examples.
 * Shapes are checked before a body comes here (deserialize.ts).
 */

export function readOrganisation(o: Raw, source: Organisation['source']): Organisation {
  return {
    tenantId: String(o.OrganisationID),
    name: (o.Name as string | undefined) ?? '',
    legalName: text(o.LegalName),
    baseCurrency: String(o.BaseCurrency ?? ''),
    countryCode: text(o.CountryCode),
    timezone: text(o.Timezone),
    shortCode: text(o.ShortCode),
    source,
  };
}

function readAccount(a: Raw): Account {
  return {
    accountId: String(a.AccountID),
    code: text(a.Code),
    name: (a.Name as string | undefined) ?? '',
    type: String(a.Type ?? ''),
    class: text(a.Class),
    status: String(a.Status ?? 'ACTIVE'),
    taxType: text(a.TaxType),
    description: text(a.Description),
    enablePaymentsToAccount: a.EnablePaymentsToAccount === true,
    bankAccountNumber: text(a.BankAccountNumber),
    currencyCode: text(a.CurrencyCode),
    systemAccount: text(a.SystemAccount),
    updatedAt: instantOf(a.UpdatedDateUTC),
  };
}

function readTaxRate(t: Raw): TaxRate {
  return {
    taxType: String(t.TaxType),
    name: (t.Name as string | undefined) ?? '',
    status: String(t.Status ?? 'ACTIVE'),
    reportTaxType: text(t.ReportTaxType),
    effectiveRate: decimalText(t.EffectiveRate),
    displayRate: decimalText(t.DisplayTaxRate ?? t.EffectiveRate),
    components: (Array.isArray(t.TaxComponents) ? (t.TaxComponents as Raw[]) : []).map((c) => ({
      name: (c.Name as string | undefined) ?? '',
      rate: decimalText(c.Rate),
      isCompound: c.IsCompound === true,
      isNonRecoverable: c.IsNonRecoverable === true,
    })),
    canApplyToAssets: t.CanApplyToAssets === true,
    canApplyToEquity: t.CanApplyToEquity === true,
    canApplyToExpenses: t.CanApplyToExpenses === true,
    canApplyToLiabilities: t.CanApplyToLiabilities === true,
    canApplyToRevenue: t.CanApplyToRevenue === true,
  };
}

function readItem(i: Raw): Item {
  const sales = obj(i.SalesDetails);
  const purchase = obj(i.PurchaseDetails);
  return {
    itemId: String(i.ItemID),
    code: (i.Code as string | undefined) ?? '',
    name: text(i.Name),
    description: text(i.Description),
    isSold: i.IsSold === true,
    isPurchased: i.IsPurchased === true,
    isTrackedAsInventory: i.IsTrackedAsInventory === true,
    salesUnitPrice: priceText(sales?.UnitPrice),
    salesAccountCode: text(sales?.AccountCode),
    salesTaxType: text(sales?.TaxType),
    purchaseUnitPrice: priceText(purchase?.UnitPrice),
    purchaseAccountCode: text(purchase?.AccountCode),
    purchaseTaxType: text(purchase?.TaxType),
    updatedAt: instantOf(i.UpdatedDateUTC),
  };
}

export type SmallTable = 'accounts' | 'taxRates' | 'items';
type SmallRecords = { accounts: Account[]; taxRates: TaxRate[]; items: Item[] };

const READERS: { [T in SmallTable]: (r: Raw) => SmallRecords[T][number] } = { accounts: readAccount, taxRates: readTaxRate, items: readItem };

/** Raw records (already checked against Xero's format) as core records of the small table. */
export function readSmallRecords<T extends SmallTable>(table: T, records: readonly unknown[]): SmallRecords[T] {
  const read = READERS[table] as (r: Raw) => SmallRecords[T][number];
  return records.map((r) => read(r as Raw)) as SmallRecords[T];
}
