import type { MappingSheet } from '../sheets/mapping-sheets';
import { columnIndex, mappingColumns } from '../sheets/mapping-sheets';
import { cellValue, columnLetter, rowBytes } from '../../core/sheets/cells';
import type { CellValue } from '../../core/sheets/cells';
import { DEFAULT_MAX_BYTES, writeTable } from './tables';
import type { WriteResult } from './tables';

export type MappingTableRows = { top: number; rows: CellValue[][] };

/** Reads a mapping table's rows (values as Excel holds them: numbers stay numbers, so lost zeros show). */
export async function readMappingTable(context: Excel.RequestContext, def: MappingSheet): Promise<MappingTableRows | null> {
  const table = context.workbook.tables.getItemOrNullObject(def.table);
  table.load('name');
  await context.sync();
  if (table.isNullObject) return null;
  const range = table.getRange();
  range.load(['rowIndex', 'values']);
  await context.sync();
  const [, ...rows] = range.values as CellValue[][];
  return { top: range.rowIndex + 1, rows: rows.filter((r) => r.some((c) => c !== '' && c !== null)) };
}

/** Fills the mapping sheet with rows (from a CSV file or the stored mappings), as one table. */
export async function fillMappingTable(context: Excel.RequestContext, def: MappingSheet, rows: CellValue[][]): Promise<WriteResult> {
  const result = await writeTable(context, { sheet: def.sheet, table: def.table, columns: mappingColumns(def), rows });
  // The target cell offers the pulled Xero table's values as an in-cell drop-down.
  const sheet = context.workbook.worksheets.getItem(def.sheet);
  const letter = columnLetter(columnIndex(def, 'Xero Target') + 1);
  const targets = sheet.getRange(`${letter}2:${letter}${Math.max(rows.length, 1) + 1}`);
  targets.dataValidation.clear();
  targets.dataValidation.rule = { list: { inCellDropDown: true, source: `=INDIRECT("${def.targets.table}[${def.targets.column}]")` } };
  targets.dataValidation.errorAlert = {
    showAlert: false,
    style: 'Information',
    title: 'Xero target',
    message: 'Not in the pulled Xero table: the Check column will say why.',
  };
  // Rows whose Check starts with "Error" turn red, "Warning" amber, so problems stand out while reviewing.
  const checkLetter = columnLetter(columnIndex(def, 'Check') + 1);
  const check = sheet.getRange(`${checkLetter}2:${checkLetter}${Math.max(rows.length, 1) + 1}`);
  check.conditionalFormats.clearAll();
  for (const [text, font, fill] of [
    ['Error', '#9C0006', '#FFC7CE'],
    ['Warning', '#9C5700', '#FFEB9C'],
  ] as const) {
    const format = check.conditionalFormats.add('ContainsText' as Excel.ConditionalFormatType);
    format.textComparison.format.font.color = font;
    format.textComparison.format.fill.color = fill;
    format.textComparison.rule = { operator: 'BeginsWith' as Excel.ConditionalTextOperator, text };
  }
  await context.sync();
  return result;
}

/**
 * Writes whole columns of the mapping table (by header), as text where they are text: rows at a time, each sync within
 * what Excel on the web accepts. Returns the number of syncs.
 */
export async function writeMappingColumns(
  context: Excel.RequestContext,
  def: MappingSheet,
  top: number,
  columns: Record<string, CellValue[]>,
): Promise<number> {
  const specs = mappingColumns(def);
  const written = Object.entries(columns).flatMap(([header, values]) => {
    const index = specs.findIndex((c) => c.header === header);
    return index < 0 || values.length === 0 ? [] : [{ letter: columnLetter(index + 1), kind: specs[index]!.kind, values }];
  });
  const count = Math.max(0, ...written.map((w) => w.values.length));
  const sheet = context.workbook.worksheets.getItem(def.sheet);
  let syncs = 0;
  // Rows at a time, each sync's cells (each column its own range, each cell its own array) under what Excel on the web accepts.
  for (let first = 0; first < count;) {
    let last = first;
    let bytes = 0;
    while (last < count) {
      const size = written.reduce((n, w) => n + rowBytes([cellValue(w.values[last] ?? '', w.kind)]), 0);
      if (last > first && bytes + size > DEFAULT_MAX_BYTES) break;
      bytes += size;
      last++;
    }
    for (const w of written) {
      const part = w.values.slice(first, last);
      if (part.length > 0)
        sheet.getRange(`${w.letter}${top + 1 + first}:${w.letter}${top + first + part.length}`).values = part.map((v) => [cellValue(v, w.kind)]);
    }
    await context.sync();
    syncs++;
    first = last;
  }
  return syncs;
}

/**
 * Calls `onEdit` (debounced) when the user changes a source or target cell of the mapping table, so the
 * checks run again as they edit. Changes to the columns Xero Bridge writes itself are ignored, which keeps
 * its own writes from starting another round.
 */
export async function watchMappingEdits(def: MappingSheet, onEdit: () => void, delayMs = 1500): Promise<() => Promise<void>> {
  const editable = columnIndex(def, 'Xero Target') + 1; // source columns and Xero Target
  let timer: ReturnType<typeof setTimeout> | null = null;
  const handler = async (event: Excel.WorksheetChangedEventArgs) => {
    const first = /^'?[^!]*'?!?([A-Z]+)\d+/.exec(event.address.includes('!') ? event.address : `x!${event.address}`)?.[1] ?? '';
    let column = 0;
    for (const ch of first) column = column * 26 + (ch.charCodeAt(0) - 64);
    if (column < 1 || column > editable) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(onEdit, delayMs);
  };
  const registration = await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(def.sheet);
    const result = sheet.onChanged.add(handler);
    await context.sync();
    return result;
  });
  return async () => {
    if (timer) clearTimeout(timer);
    await Excel.run(registration.context, async (context) => {
      registration.remove();
      await context.sync();
    });
  };
}
