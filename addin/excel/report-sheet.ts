import type { ReportSheet } from '../sheets/report-sheets';
import { blockAddress, cellValue, columnLetter, NUMBER_FORMATS } from '../../core/sheets/cells';
import { writeTable } from './tables';
import type { WriteOptions, WriteResult } from './tables';

/** Where a report's table starts: below the header block. */
const REPORT_TABLE_TOP = 7;

const REPORTS_KEY = 'xeroBridge.reports';

export type StoredReport = { sheet: string; kind: string; query: Record<string, string> };

/**
 * Builds a report sheet, or rebuilds it in place with new figures: the sheet belongs to the report, so
 * its old table and contents are cleared first, and rows never pile up. Header block, one table with
 * money formats, a bold totals row below it, header frozen.
 */
export async function writeReportSheet(context: Excel.RequestContext, report: ReportSheet, options: WriteOptions = {}): Promise<WriteResult> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(report.sheet);
  sheet.load('name');
  const table = context.workbook.tables.getItemOrNullObject(report.table);
  table.load('name');
  await context.sync();
  if (!table.isNullObject) table.delete();
  if (!sheet.isNullObject) sheet.getRange().clear('All');
  if (sheet.isNullObject) context.workbook.worksheets.add(report.sheet);
  await context.sync();

  const target = context.workbook.worksheets.getItem(report.sheet);
  const headerRange = target.getRange(`A1:A${report.header.length}`);
  headerRange.numberFormat = NUMBER_FORMATS.text as unknown as string[][];
  headerRange.values = report.header.map((line) => [line]);
  target.getRange('A1').format.font.bold = true;

  const result = await writeTable(
    context,
    { sheet: report.sheet, table: report.table, columns: report.columns, rows: report.rows, top: REPORT_TABLE_TOP },
    options,
  );

  const width = report.columns.length;
  const totalsTop = REPORT_TABLE_TOP + Math.max(report.rows.length, 1) + 1;
  if (report.totals.length > 0) {
    const totals = target.getRange(blockAddress(totalsTop, width, report.totals.length));
    report.columns.forEach((c, i) => {
      const letter = columnLetter(i + 1);
      target.getRange(`${letter}${totalsTop}:${letter}${totalsTop + report.totals.length - 1}`).numberFormat = NUMBER_FORMATS[c.kind] as unknown as string[][];
    });
    totals.values = report.totals.map((row) => report.columns.map((c, i) => cellValue(row[i] ?? null, c.kind)));
    totals.format.font.bold = true;
  }
  target.freezePanes.freezeRows(REPORT_TABLE_TOP);
  await context.sync();
  return { ...result, syncs: result.syncs + 3 };
}

export async function storedReports(context: Excel.RequestContext): Promise<StoredReport[]> {
  const setting = context.workbook.settings.getItemOrNullObject(REPORTS_KEY);
  setting.load('value');
  await context.sync();
  if (setting.isNullObject) return [];
  try {
    const parsed = JSON.parse(String(setting.value)) as StoredReport[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Keeps a report's parameters with the workbook, so Refresh rebuilds the sheet with the same settings. */
export async function rememberReport(context: Excel.RequestContext, report: StoredReport): Promise<void> {
  const all = (await storedReports(context)).filter((r) => r.sheet !== report.sheet);
  all.push(report);
  context.workbook.settings.add(REPORTS_KEY, JSON.stringify(all));
  await context.sync();
}
