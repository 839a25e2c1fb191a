import { inertText } from '../formula';

/**
 * Pure helpers for putting values into cells safely. No Excel calls here: addin/excel/tables.ts uses them.
 */

export type CellValue = string | number | boolean | null;

/**
 * How a column is written. Text and code columns get Excel's text format ("@") before any value is
 * written, so that `0400` stays `0400` and text from outside that looks like a formula stays text.
 */
export type ColumnKind = 'text' | 'code' | 'money' | 'number' | 'percent' | 'date' | 'boolean';

export type ColumnSpec = { header: string; kind: ColumnKind; width?: number };

/** A column, in one short call: `column('Contact', 'text')`. */
export const column = (header: string, kind: ColumnKind): ColumnSpec => ({ header, kind });

export const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: '@',
  code: '@',
  money: '#,##0.00;[Red]-#,##0.00',
  number: 'General',
  percent: '0.00##',
  date: 'yyyy-mm-dd',
  boolean: 'General',
};

/**
 * The value to put in a cell of a column. Text columns are text-formatted, so their strings go in as they are.
 * In any other column a string that could become a formula is prefixed with an apostrophe, which Excel
 * keeps as a hidden prefix character: the cell shows the text and never evaluates it.
 */
export function cellValue(value: CellValue, kind: ColumnKind): string | number | boolean {
  if (value === null) return '';
  if (typeof value === 'string') {
    if (kind === 'text' || kind === 'code') return value;
    return inertText(value);
  }
  return value;
}

/** 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The A1 address of a block starting at row `top` (1-based), columns 1..`columns`, `rows` tall. */
export function blockAddress(top: number, columns: number, rows: number): string {
  return `A${top}:${columnLetter(columns)}${top + rows - 1}`;
}

const encoder = new TextEncoder();

/** Bytes a row of values adds to a request to Excel (its JSON, as Office sends it). */
export function rowBytes(row: readonly (string | number | boolean)[]): number {
  return encoder.encode(JSON.stringify(row)).length + 1;
}

/**
 * Splits rows into chunks whose JSON stays under `maxBytes`, so that no single sync carries more than
 * Excel on the web accepts (5 MB per request; we keep under 4 MB). A row larger than the limit alone
 * is its own chunk.
 */
export function chunkRows<T extends readonly (string | number | boolean)[]>(rows: readonly T[], maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 2;
  for (const row of rows) {
    const size = rowBytes(row);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A yyyy-mm-dd date as Excel's date serial (days since 1899-12-30), independent of the user's locale. */
export function excelDateSerial(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_MS) / 86_400_000);
}

/** The yyyy-mm-dd date of a whole Excel date serial (from 61, 1 March 1900: Excel counts a 29 February 1900 that never was). */
export function isoDateOfExcelSerial(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
}
