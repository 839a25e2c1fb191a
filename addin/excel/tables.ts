import { blockAddress, cellValue, chunkRows, columnLetter, NUMBER_FORMATS } from '../../core/sheets/cells';
import type { CellValue, ColumnSpec } from '../../core/sheets/cells';

export type TableSpec = {
  sheet: string;
  /** Excel table name: letters, digits and underscores. */
  table: string;
  columns: ColumnSpec[];
  rows: CellValue[][];
  /** The header row of a new table, 1-based (default 1); an existing table stays where it is. */
  top?: number;
};

export type WriteOptions = {
  /** The most bytes of values one sync may carry; Excel on the web refuses requests over 5 MB. */
  maxBytesPerSync?: number;
  onProgress?: (written: number, total: number) => void;
};

export type WriteResult = { rows: number; syncs: number; address: string; created: boolean };

/** The table cannot be written without touching the user's own cells. */
export class SheetConflictError extends Error {
  override readonly name = 'SheetConflictError';
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** Bytes kept free in a batch for the other requests queued with a chunk of values (formats, header, resize). */
const batchOverhead = (maxBytes: number) => Math.min(16 * 1024, Math.floor(maxBytes / 32));

/**
 * Reads what is there and places the table: the existing one checked (same sheet, same columns, room to grow)
 * and resized in place, or a new one where nothing of the user's is in the way. Returns its sheet and header row (1-based).
 */
async function placeTable(
  context: Excel.RequestContext,
  spec: TableSpec,
  bodyRows: number,
  sync: () => Promise<void>,
): Promise<{ sheet: Excel.Worksheet; top: number; created: boolean }> {
  const width = spec.columns.length;
  const workbook = context.workbook;
  const existingSheet = workbook.worksheets.getItemOrNullObject(spec.sheet);
  existingSheet.load('name');
  const existingTable = workbook.tables.getItemOrNullObject(spec.table);
  existingTable.load('name');
  await sync();

  if (!existingTable.isNullObject) {
    const range = existingTable.getRange();
    range.load(['rowIndex', 'rowCount', 'columnIndex', 'columnCount']);
    const tableSheet = existingTable.worksheet;
    tableSheet.load('name');
    // Cells below the table that a larger table would cover: any value there is the user's.
    const below = range.getRowsBelow(bodyRows).getUsedRangeOrNullObject(true);
    below.load(['rowIndex', 'address']);
    await sync();
    if (tableSheet.name !== spec.sheet) {
      throw new SheetConflictError(`The table ${spec.table} is on the sheet "${tableSheet.name}", not "${spec.sheet}": rename one of them and try again`);
    }
    if (range.columnIndex !== 0 || range.columnCount !== width) {
      throw new SheetConflictError(
        `The table ${spec.table} on "${spec.sheet}" has been changed (columns moved, added or removed): delete the table and pull again`,
      );
    }
    const sheet = tableSheet;
    const top = range.rowIndex + 1;
    const oldBody = range.rowCount - 1;
    if (bodyRows > oldBody && !below.isNullObject && below.rowIndex + 1 <= top + bodyRows) {
      throw new SheetConflictError(
        `The ${spec.table} table needs rows ${top + oldBody + 1}–${top + bodyRows} of "${spec.sheet}" to grow, but ${shortAddress(below.address)} holds other data: move that data and try again`,
      );
    }
    // Shrinking: the rows the table gives up were the table's; empty them, then resize.
    if (bodyRows < oldBody) {
      sheet.getRange(blockAddress(top + 1 + bodyRows, width, oldBody - bodyRows)).clear('Contents');
    }
    existingTable.resize(blockAddress(top, width, bodyRows + 1));
    sheet.getRange(blockAddress(top, width, 1)).values = [spec.columns.map((c) => c.header)];
    return { sheet, top, created: false };
  }
  // No table yet: a new one, where nothing of the user's is in the way.
  let sheet: Excel.Worksheet;
  if (existingSheet.isNullObject) {
    sheet = workbook.worksheets.add(spec.sheet);
  } else {
    sheet = existingSheet;
    const used = sheet.getRange(blockAddress(spec.top ?? 1, width, bodyRows + 1)).getUsedRangeOrNullObject(true);
    used.load('address');
    await sync();
    if (!used.isNullObject) {
      throw new SheetConflictError(
        `"${spec.sheet}" already holds data in ${shortAddress(used.address)}, where the ${spec.table} table goes: clear it or rename the sheet`,
      );
    }
  }
  const top = spec.top ?? 1;
  sheet.getRange(blockAddress(top, width, 1)).values = [spec.columns.map((c) => c.header)];
  const table = sheet.tables.add(blockAddress(top, width, bodyRows + 1), true);
  table.name = spec.table;
  return { sheet, top, created: true };
}

/**
 * Writes rows into one Excel table on its own sheet, creating both if needed, or refreshing the
 * existing table in place: the same table resized, nothing outside it touched. A table that must grow
 * into cells holding the user's data is refused, naming the cells, before anything is written.
 *
 * Syncs: one or two to read what is there; then one per chunk of values (each under `maxBytesPerSync`),
 * the first chunk's batch also sizing the table and setting every column's number format before any
 * value (Excel runs a batch in order, so text columns are text before values arrive); one for formatting.
 */
export async function writeTable(context: Excel.RequestContext, spec: TableSpec, options: WriteOptions = {}): Promise<WriteResult> {
  const maxBytes = options.maxBytesPerSync ?? DEFAULT_MAX_BYTES;
  const width = spec.columns.length;
  const total = spec.rows.length;
  const bodyRows = Math.max(total, 1); // an Excel table keeps at least one body row
  let syncs = 0;
  const sync = async () => {
    await context.sync();
    syncs++;
  };

  // 1. Read what is there, and place the table: the user's table resized in place, or a new one.
  const { sheet, top, created } = await placeTable(context, spec, bodyRows, sync);

  // 2. Number formats for every column, queued before any value: text columns become text first.
  spec.columns.forEach((column, i) => {
    const letter = columnLetter(i + 1);
    // A single value applies to every cell of the range (Excel.Range.numberFormat), keeping the request small.
    sheet.getRange(`${letter}${top + 1}:${letter}${top + bodyRows}`).numberFormat = NUMBER_FORMATS[column.kind] as unknown as string[][];
  });
  if (total === 0) sheet.getRange(blockAddress(top + 1, width, 1)).clear('Contents');

  // 3. Values, in chunks that each stay under the byte limit: one sync per chunk.
  const cells = spec.rows.map((row) => spec.columns.map((column, i) => cellValue(row[i] ?? null, column.kind)));
  let written = 0;
  // Leave room in each batch for the requests that travel with the values (formats, headers, resizing).
  const chunks = chunkRows(cells, Math.max(1024, maxBytes - batchOverhead(maxBytes)));
  if (chunks.length === 0) await sync();
  for (const chunk of chunks) {
    sheet.getRange(blockAddress(top + 1 + written, width, chunk.length)).values = chunk;
    await sync();
    written += chunk.length;
    options.onProgress?.(written, total);
  }

  // 4. Formatting after the values: bold header, column widths, frozen header row.
  sheet.freezePanes.freezeRows(top);
  sheet.getRange(blockAddress(top, width, 1)).format.font.bold = true;
  sheet.getRange(blockAddress(top, width, Math.min(total, 200) + 1)).format.autofitColumns();
  await sync();

  return { rows: total, syncs, address: blockAddress(top, width, bodyRows + 1), created };
}

function shortAddress(address: string): string {
  return address.split('!').pop() ?? address;
}
