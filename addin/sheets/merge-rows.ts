import type { CellValue } from '../../core/sheets/cells';
import { columnIndex } from './mapping-sheets';
import type { MappingSheet } from './mapping-sheets';

export type Merged = { rows: CellValue[][]; added: number; updated: number; kept: number };

/** A sheet row's source code as rows are matched by (and as the proxy names it in a revert's results): trimmed, any case. */
export const sourceKeyOf = (row: readonly CellValue[]) =>
  String(row[0] ?? '')
    .trim()
    .toLowerCase();

/**
 * New rows merged into the sheet by source code: a code the sheet has gets the file's description (name, role, …)
 * and keeps the reviewer's target, status and the rest; a new code is added at the end; the sheet's rows that the
 * new rows do not name stay, in their place. Nothing is removed.
 */
export function mergeRows(def: MappingSheet, existing: readonly CellValue[][], incoming: readonly CellValue[][]): Merged {
  const target = columnIndex(def, 'Xero Target');
  const rows = existing.map((r) => [...r]);
  const at = new Map(rows.map((r, i) => [sourceKeyOf(r), i]));
  let added = 0;
  let updated = 0;
  const touched = new Set<number>();
  for (const row of incoming) {
    const i = at.get(sourceKeyOf(row));
    if (i === undefined) {
      at.set(sourceKeyOf(row), rows.length);
      touched.add(rows.length);
      rows.push([...row]);
      added++;
      continue;
    }
    const mine = rows[i]!;
    // The description from the file; the target too where the reviewer has none yet; everything else stays.
    for (let c = 0; c < def.source.length; c++) mine[c] = row[c] ?? '';
    if ((mine[target] === '' || mine[target] === null || mine[target] === undefined) && row[target] !== '' && row[target] !== undefined)
      mine[target] = row[target]!;
    touched.add(i);
    updated++;
  }
  return { rows, added, updated, kept: rows.length - touched.size };
}

/** Why a file cannot fill a sheet (empty, not text), or null when it can be read as CSV. */
export function unreadableFile(text: string, bytes: number): string | null {
  if (bytes === 0 || text.trim() === '') return 'The file is empty: nothing was changed';
  let control = 0;
  for (let i = 0; i < text.length && control === 0; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (control > 0 || replaced > Math.max(3, text.length / 100))
    return 'The file is not text (it looks like a spreadsheet or another binary file; save it as CSV): nothing was changed';
  return null;
}
