import { mappingKindDefinitions } from '../../core/mapping/kinds';
import type { MappingSheetLayout, MappingValue } from '../../core/mapping/kinds/types';
import { rowStatuses } from '../../core/mapping/rows';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import type { CellValue, ColumnSpec } from '../../core/sheets/cells';

/**
 * The four mapping sheets, from the kinds' modules (core/mapping/kinds/): the source system's columns, then
 * the review columns below, by name. Column positions are derived from these names, never written as numbers.
 */
export type MappingSheet = MappingSheetLayout & { kind: MappingKind; title: string };

export const mappingSheets = Object.fromEntries(
  Object.values(mappingKindDefinitions).map((k) => [k.kind, { kind: k.kind, title: k.title, ...k.layout }]),
) as Record<MappingKind, MappingSheet>;

/** The columns Xero Bridge and the reviewer fill, after the source columns, in order, with how each is written. */
const REVIEW_KINDS = {
  'Xero Target': 'code',
  /** What the target is in Xero, beside it (the account's, tax rate's or contact's name). */
  'Xero Name': 'text',
  Suggested: 'code',
  /** What the suggestion is, beside it ("0400 Online Store Sales"). */
  'Suggested Name': 'text',
  Confidence: 'number',
  Check: 'text',
  Status: 'text',
  Result: 'text',
} as const;

export type ReviewColumn = keyof typeof REVIEW_KINDS;

export const REVIEW_COLUMNS = (Object.keys(REVIEW_KINDS) as ReviewColumn[]).map((header) => ({ header, kind: REVIEW_KINDS[header] }));

export function mappingColumns(def: MappingSheet): ColumnSpec[] {
  return [...def.source.map((s) => ({ header: s.header, kind: s.kind })), ...REVIEW_COLUMNS];
}

/** Where a review column is in a row's values (0-based). */
export function columnIndex(def: MappingSheet, header: ReviewColumn): number {
  return def.source.length + REVIEW_COLUMNS.findIndex((c) => c.header === header);
}

/** A sheet row of source cells followed by the review columns' cells, by name. */
function sheetRow(def: MappingSheet, source: CellValue[], review: Partial<Record<ReviewColumn, CellValue>>): CellValue[] {
  return [...source, ...REVIEW_COLUMNS.map((c) => review[c.header] ?? (c.header === 'Confidence' ? null : ''))];
}

/** Rows of a CSV file (header row first) as sheet rows, matching its headers to the source columns; the headers it does not use, named. */
export function rowsFromCsv(def: MappingSheet, records: string[][]): { rows: CellValue[][]; missing: string[]; unused: string[] } {
  const [header = [], ...body] = records;
  const names = header.map((h) => h.trim().toLowerCase());
  const positions = def.source.map((s) => names.findIndex((n) => s.csv.includes(n)));
  const missing = def.source.filter((_, i) => positions[i] === -1 && i === 0).map((s) => s.header);
  const unused = header.filter((h, i) => h.trim() !== '' && !positions.includes(i)).map((h) => h.trim());
  const rows = body
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) =>
      sheetRow(
        def,
        positions.map((p) => (p >= 0 ? (r[p] ?? '') : '')),
        { Status: 'Draft' },
      ),
    );
  return { rows, missing, unused };
}

/** Stored mappings as sheet rows, marked Written. */
export function rowsFromStore(def: MappingSheet, mappings: ReadonlyArray<MappingValue & { source: string; updatedAt: string }>): CellValue[][] {
  const target = mappingKindDefinitions[def.kind].storedTarget ?? ((m: MappingValue) => m.target);
  return mappings.map((m) =>
    sheetRow(
      def,
      def.source.map((s) => (s.field === 'source' ? m.source : (m.details[s.field] ?? ''))),
      // When it was written, in the user's words (the batch's id is in the history for whoever asks).
      { 'Xero Target': target(m), Status: 'Written', Result: `stored mapping, written ${m.updatedAt.slice(0, 10)}` },
    ),
  );
}

/** A sheet row (its values, in column order) as the row the proxy checks. */
export function toMappingRow(def: MappingSheet, sheetRowNumber: number, values: readonly CellValue[]): MappingRow {
  const row: Record<string, unknown> = { row: sheetRowNumber };
  def.source.forEach((s, i) => {
    const v = values[i];
    if (s.field === 'action') {
      // "enable payments" (payment methods) or "create tax rate" (tax rules); anything else is no action.
      const action = String(v ?? '')
        .trim()
        .toLowerCase()
        .replace(/\s+/g, '-');
      if (action === 'enable-payments' || action === 'create-tax-rate') row.action = action;
      return;
    }
    row[s.field] = v === '' || v === undefined ? null : v;
  });
  const target = values[columnIndex(def, 'Xero Target')];
  row.target = target === '' || target === undefined ? null : target;
  const status = String(values[columnIndex(def, 'Status')] ?? 'Draft');
  if ((rowStatuses as readonly string[]).includes(status)) row.status = status as MappingRow['status'];
  return row as MappingRow;
}
