import { addDays, addMonths } from '../dates';
import type { IsoDate } from '../dates';
import type { AgeingOptions } from '../contract/reports';
import { byContactAndCurrency } from './by-contact';
import type { Cents } from '../money';
import { cents } from '../money';
import type { CreditNote, Invoice, Ledger } from '../domain';
import type { DocumentKind } from './documents';
import { idOf, KIND_CREDIT_NOTE, KIND_INVOICE, KIND_NAMES, KIND_OVERPAYMENT } from './index-layout';
import { ledgerIndex } from './ledger-index';
import type { Document } from './index-layout';

type AgeingUnit = AgeingOptions['unit'];

export type AgeingColumn = { title: string; from: IsoDate | null; to: IsoDate | null };

type AgeingLine = {
  kind: DocumentKind;
  id: string;
  number: string | null;
  reference: string | null;
  date: IsoDate;
  dueDate: IsoDate | null;
  /** The document's own currency. */
  currency: string;
  /** Index into the report's columns: 0 Current, 1…n the periods, n+1 Older. */
  column: number;
  /** What is outstanding in the report's currency (the row's): the figure the columns add up. */
  amount: Cents;
  /** What is outstanding in the document's own currency (`currency`). */
  documentAmount: Cents;
  /** What is outstanding in the organisation's base currency. */
  baseAmount: Cents;
};

type AgeingRow = {
  contactId: string;
  contactName: string;
  currency: string;
  columns: Cents[];
  total: Cents;
  lines: AgeingLine[] | null;
};

type AgeingTotal = { currency: string; columns: Cents[]; total: Cents };

export type AgeingReport = {
  options: AgeingOptions;
  baseCurrency: string;
  columns: AgeingColumn[];
  rows: AgeingRow[];
  totals: AgeingTotal[];
  /** Everything the report counts, in base currency (whatever currency its figures are in). */
  baseTotal: Cents;
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

type Index = ReturnType<typeof ledgerIndex>;

/** A contact's row in one currency, with every column at zero. */
function ageingRows(x: Index, width: number, withLines: boolean) {
  const zero = cents(0);
  return byContactAndCurrency<AgeingRow>(
    (r) => r.currency,
    (slot, currency) => ({
      contactId: x.contactIds[slot] as string,
      contactName: x.contactNames[slot] as string,
      currency,
      columns: new Array<Cents>(width).fill(zero),
      total: zero,
      lines: withLines ? [] : null,
    }),
  );
}

/** Document k as an invoice line of the report: outstanding in the report's currency, the document's and base. */
function lineOf(x: Index, k: number, column: number, amounts: Pick<AgeingLine, 'amount' | 'documentAmount' | 'baseAmount'>): AgeingLine {
  const kind = x.kind[k] as number;
  const d = x.docs[k] as Document;
  const number = kind === KIND_INVOICE ? (d as Invoice).number : kind === KIND_CREDIT_NOTE ? (d as CreditNote).number : null;
  const reference = kind === KIND_INVOICE ? (d as Invoice).reference : kind === KIND_CREDIT_NOTE ? (d as CreditNote).reference : null;
  const date = x.date[k] as IsoDate;
  const dueDate = x.dueDate[k] as IsoDate | null;
  const currency = x.currency[k] as string;
  return { kind: KIND_NAMES[kind] as DocumentKind, id: idOf(kind, d), number, reference, date, dueDate, currency, column, ...amounts };
}

/** Totals per currency of the rows, column by column. */
function totalsOf(rows: readonly AgeingRow[], width: number): AgeingTotal[] {
  const totals = new Map<string, AgeingTotal>();
  for (const row of rows) {
    let t = totals.get(row.currency);
    if (!t) {
      t = { currency: row.currency, columns: new Array<Cents>(width).fill(cents(0)), total: cents(0) };
      totals.set(row.currency, t);
    }
    for (let i = 0; i < width; i++) t.columns[i] = cents((t.columns[i] as number) + (row.columns[i] as number));
    t.total = cents(t.total + row.total);
  }
  return [...totals.values()].sort((a, b) => compareText(a.currency, b.currency));
}

/**
 * Aged receivables or payables at the as-at date. Each invoice's outstanding is its total less the
 * payments and allocations dated on or before the as-at date (later ones do not count); each credit
 * note's unallocated remainder counts negative, and overpayments' and prepayments' too when asked.
 * Documents count when AUTHORISED or PAID (never DRAFT, SUBMITTED, VOIDED or DELETED); DELETED payments
 * never count. An allocation takes effect on the latest of its date and both documents' dates. In base
 * currency each document's outstanding is at its own rate (see `./base-amounts`).
 */
export function ageingReport(ledger: Tables, options: AgeingOptions): AgeingReport {
  const o = options;
  const x = ledgerIndex(ledger);
  const asAt = o.asAt;
  const contacts = o.contactIds ? new Set(o.contactIds) : null;
  const base = ledger.organisation.baseCurrency;
  const inBase = o.currency === 'base';
  const wantedSide = o.side === 'receivables' ? 1 : 2;
  const boundaries = periodBoundaries(o.asAt, o.periods, o.length, o.unit);
  const width = o.periods + 2;
  const { all, rowFor } = ageingRows(x, width, o.detail === 'invoices');
  let baseTotal = 0;

  for (let k = 0; k < x.count; k++) {
    if (x.side[k] !== wantedSide || x.counts[k] === 0) continue;
    const kind = x.kind[k] as number;
    if (kind >= KIND_OVERPAYMENT && !o.includeUnappliedCredits) continue;
    const date = x.date[k] as IsoDate;
    if (date > asAt) continue;
    const slot = x.contact[k] as number;
    if (contacts && !contacts.has(x.contactIds[slot] as string)) continue;
    let left = x.total[k] as number;
    let leftBase = x.totalBase[k] as number;
    for (let m = x.moveStart[k] as number, end = x.moveStart[k + 1] as number; m < end; m++) {
      if ((x.moveDate[m] as IsoDate) > asAt) continue;
      left -= x.moveAmount[m] as number;
      leftBase -= x.moveBase[m] as number;
    }
    // Settled in its own currency: nothing outstanding (its settling movement cleared it in base too).
    if (left === 0) continue;
    const sign = kind === KIND_INVOICE ? 1 : -1;
    const amount = (sign * (inBase ? leftBase : left)) as Cents;
    baseTotal += sign * leftBase;
    const column = columnOf(o.basis === 'due' ? ((x.dueDate[k] as IsoDate | null) ?? date) : date, boundaries, o.reportDateOverdue);
    const row = rowFor(slot, inBase ? base : (x.currency[k] as string));
    row.columns[column] = ((row.columns[column] as number) + amount) as Cents;
    row.total = (row.total + amount) as Cents;
    row.lines?.push(lineOf(x, k, column, { amount, documentAmount: (sign * left) as Cents, baseAmount: (sign * leftBase) as Cents }));
  }

  const sorted = sortByContact(all);
  for (const row of sorted)
    row.lines?.sort(
      (a, b) => compareText(a.dueDate ?? a.date, b.dueDate ?? b.date) || compareText(a.date, b.date) || compareText(a.number ?? '', b.number ?? ''),
    );
  return { options: o, baseCurrency: base, columns: ageingColumns(o), rows: sorted, totals: totalsOf(sorted, width), baseTotal: cents(baseTotal) };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Contacts in name order as a person reads them (case and accents aside), then by id and currency so
 * the order never wobbles. Sort keys are made once per row, not once per comparison.
 */
export function sortByContact<T extends { contactName: string; contactId: string; currency: string }>(rows: T[]): T[] {
  const keyed = rows.map((row) => ({
    row,
    key: `${row.contactName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()}\u0000${row.contactId}\u0000${row.currency}`,
  }));
  keyed.sort((a, b) => compareText(a.key, b.key));
  return keyed.map((k) => k.row);
}
