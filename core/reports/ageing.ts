import { addDays, addMonths } from '../dates';
import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import { cents, convertAtRate } from '../money';
import type { Ledger } from '../domain';
import { sideLedger } from './documents';
import type { DocumentKind, ReportDocument, Side } from './documents';

export type AgeingUnit = 'day' | 'week' | 'month';

export type AgeingOptions = {
  side: Side;
  asAt: IsoDate;
  /** Age by due date (Xero's default) or by invoice date. */
  basis: 'due' | 'invoice';
  periods: number;
  length: number;
  unit: AgeingUnit;
  titles: 'period' | 'range';
  /** Show overpayments' and prepayments' unapplied remainders (off by default, as in Xero). */
  includeUnappliedCredits: boolean;
  /** Count a document due on the report date as overdue rather than current. */
  reportDateOverdue: boolean;
  contactIds: readonly string[] | null;
  /** Amounts in base currency (each line converted at its document's rate), or in each document's currency. */
  currency: 'base' | 'document';
  detail: 'summary' | 'invoices';
};

export const defaultAgeingOptions = (asAt: IsoDate): AgeingOptions => ({
  side: 'receivables',
  asAt,
  basis: 'due',
  periods: 3,
  length: 1,
  unit: 'month',
  titles: 'period',
  includeUnappliedCredits: false,
  reportDateOverdue: false,
  contactIds: null,
  currency: 'base',
  detail: 'summary',
});

export type AgeingColumn = { title: string; from: IsoDate | null; to: IsoDate | null };

export type AgeingLine = {
  kind: DocumentKind;
  id: string;
  number: string | null;
  reference: string | null;
  date: IsoDate;
  dueDate: IsoDate | null;
  currency: string;
  /** Index into the report's columns: 0 Current, 1…n the periods, n+1 Older. */
  column: number;
  amount: Cents;
};

export type AgeingRow = {
  contactId: string;
  contactName: string;
  currency: string;
  columns: Cents[];
  total: Cents;
  lines: AgeingLine[] | null;
};

export type AgeingTotal = { currency: string; columns: Cents[]; total: Cents };

export type AgeingReport = {
  options: AgeingOptions;
  baseCurrency: string;
  columns: AgeingColumn[];
  rows: AgeingRow[];
  totals: AgeingTotal[];
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** boundaries[k] = as-at − k·length units, k = 0…periods (month steps keep the day, clamped to the month's end). */
export function periodBoundaries(asAt: IsoDate, periods: number, length: number, unit: AgeingUnit): IsoDate[] {
  return Array.from({ length: periods + 1 }, (_, k) =>
    unit === 'month' ? addMonths(asAt, -k * length) : addDays(asAt, -k * length * (unit === 'week' ? 7 : 1)),
  );
}

/** The column of a basis date: 0 Current when on or after the as-at date, k when in [D − k·L, D − (k−1)·L), n+1 Older. */
export function columnOf(basis: IsoDate, boundaries: readonly IsoDate[], reportDateOverdue: boolean): number {
  const asAt = boundaries[0] as IsoDate;
  if (reportDateOverdue ? basis > asAt : basis >= asAt) return 0;
  for (let k = 1; k < boundaries.length; k++) if (basis >= (boundaries[k] as IsoDate)) return k;
  return boundaries.length;
}

function shortDate(date: IsoDate, asAtYear: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]}${y === asAtYear ? '' : ` ${y}`}`;
}

export function ageingColumns(o: Pick<AgeingOptions, 'asAt' | 'periods' | 'length' | 'unit' | 'titles'>): AgeingColumn[] {
  const b = periodBoundaries(o.asAt, o.periods, o.length, o.unit);
  const year = o.asAt.slice(0, 4);
  const columns: AgeingColumn[] = [{ title: 'Current', from: o.asAt, to: null }];
  for (let k = 1; k <= o.periods; k++) {
    const from = b[k] as IsoDate;
    const to = addDays(b[k - 1] as IsoDate, -1);
    const title =
      o.titles === 'range'
        ? `${shortDate(from, year)} – ${shortDate(to, year)}`
        : o.length === 1
          ? `${k} ${o.unit}${k > 1 ? 's' : ''}`
          : `${(k - 1) * o.length + 1}–${k * o.length} ${o.unit}s`;
    columns.push({ title, from, to });
  }
  columns.push({ title: 'Older', from: null, to: addDays(b[o.periods] as IsoDate, -1) });
  return columns;
}

type Tables = Pick<Ledger, 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments' | 'organisation'>;

/**
 * Aged receivables or payables at the as-at date. Each invoice's outstanding is its total less the
 * payments and allocations dated on or before the as-at date (later ones do not count); each credit
 * note's unallocated remainder counts negative, and overpayments' and prepayments' too when asked.
 */
export function ageingReport(ledger: Tables, options: AgeingOptions): AgeingReport {
  const o = options;
  const side = sideLedger(ledger, o.side);
  const boundaries = periodBoundaries(o.asAt, o.periods, o.length, o.unit);
  const width = o.periods + 2;
  const contacts = o.contactIds ? new Set(o.contactIds) : null;
  const base = ledger.organisation.baseCurrency;
  const rows = new Map<string, AgeingRow>();

  const outstanding = (doc: ReportDocument): { document: Cents; base: Cents } => {
    let inDocument: number = doc.total;
    let inBase: number = o.currency === 'base' ? convertAtRate(doc.total, doc.rate) : 0;
    for (const m of side.movements.get(doc.id) ?? []) {
      if (m.date > o.asAt) continue;
      inDocument -= m.amount;
      if (o.currency === 'base') {
        // An allocation is converted at the rate of the invoice it applies to, on both sides.
        const rate = m.kind === 'allocation' && doc.kind !== 'invoice' ? (side.documents.get(m.sourceId)?.rate ?? doc.rate) : doc.rate;
        inBase -= convertAtRate(m.amount, rate);
      }
    }
    return { document: cents(inDocument), base: cents(inBase) };
  };

  for (const doc of side.documents.values()) {
    if (doc.date > o.asAt) continue;
    if (contacts && !contacts.has(doc.contactId)) continue;
    const isCredit = doc.kind !== 'invoice';
    if ((doc.kind === 'overpayment' || doc.kind === 'prepayment') && !o.includeUnappliedCredits) continue;
    const left = outstanding(doc);
    if (left.document === 0) continue;
    const value = o.currency === 'base' ? left.base : left.document;
    const amount = cents(isCredit ? -value : value);
    const basisDate = o.basis === 'due' ? (doc.dueDate ?? doc.date) : doc.date;
    const column = columnOf(basisDate, boundaries, o.reportDateOverdue);
    const currency = o.currency === 'base' ? base : doc.currency;
    const key = `${doc.contactId}\u0000${currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { contactId: doc.contactId, contactName: doc.contactName, currency, columns: new Array<Cents>(width).fill(cents(0)), total: cents(0), lines: o.detail === 'invoices' ? [] : null };
      rows.set(key, row);
    }
    row.columns[column] = cents((row.columns[column] as number) + amount);
    row.total = cents(row.total + amount);
    row.lines?.push({ kind: doc.kind, id: doc.id, number: doc.number, reference: doc.reference, date: doc.date, dueDate: doc.dueDate, currency: doc.currency, column, amount });
  }

  const sorted = [...rows.values()].sort((a, b) => a.contactName.localeCompare(b.contactName, 'en') || a.contactId.localeCompare(b.contactId) || a.currency.localeCompare(b.currency));
  for (const row of sorted) row.lines?.sort((a, b) => (a.dueDate ?? a.date).localeCompare(b.dueDate ?? b.date) || a.date.localeCompare(b.date) || (a.number ?? '').localeCompare(b.number ?? ''));

  const totals = new Map<string, AgeingTotal>();
  for (const row of sorted) {
    let t = totals.get(row.currency);
    if (!t) {
      t = { currency: row.currency, columns: new Array<Cents>(width).fill(cents(0)), total: cents(0) };
      totals.set(row.currency, t);
    }
    for (let i = 0; i < width; i++) t.columns[i] = cents((t.columns[i] as number) + (row.columns[i] as number));
    t.total = cents(t.total + row.total);
  }

  return { options: o, baseCurrency: base, columns: ageingColumns(o), rows: sorted, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}
