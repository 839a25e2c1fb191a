import type { Organisation } from '../../core/domain';
import type { ReportSheet } from '../sheets/report-sheets';
import { rememberReport, storedReports, writeReportSheet } from './report-sheet';
import type { StoredReport } from './report-sheet';
import type { WriteOptions, WriteResult } from './tables';
import { ensureBinding } from './workbook';

/** Builds (or rebuilds) a report sheet in the open workbook and keeps its parameters with it. */
export async function buildReportInSheet(
  organisation: Organisation,
  sheet: ReportSheet,
  stored: StoredReport,
  options: WriteOptions = {},
): Promise<WriteResult> {
  return Excel.run(async (context) => {
    await ensureBinding(context, organisation);
    const result = await writeReportSheet(context, sheet, options);
    await rememberReport(context, stored);
    return result;
  });
}

export async function reportsInWorkbook(): Promise<StoredReport[]> {
  return Excel.run((context) => storedReports(context));
}
