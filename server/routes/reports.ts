import type { ReportFormat } from '../../core/contract';
import { csvFile, pdfFile } from '../files/answers';
import type { FileAnswer, RouteHandlers } from '../http/route-table';
import { ageingReport, summaryReport } from '../reports/files';
import type { BuiltReport } from '../reports/files';

/** The report as JSON, or as the CSV or PDF file it names. */
async function inFormat<T>(format: ReportFormat, built: BuiltReport<T>): Promise<T | FileAnswer> {
  if (format === 'csv') return csvFile(built.name, built.csv());
  if (format === 'pdf') return pdfFile(built.name, await built.pdf());
  return built.report;
}

/** Aged receivables and payables, and running account summaries: JSON for the sheets, CSV and PDF to hand out. */
export function reportHandlers(clock: () => Date = () => new Date()): RouteHandlers {
  return {
    ageingReport: async ({ query }, { source }) => inFormat(query.format, await ageingReport(source, query, clock())),
    ageingReportByPost: async ({ body }, { source }) => inFormat(body.format, await ageingReport(source, body, clock())),
    accountSummary: async ({ query }, { source }) => inFormat(query.format, await summaryReport(source, query, clock())),
    accountSummaryByPost: async ({ body }, { source }) => inFormat(body.format, await summaryReport(source, body, clock())),
  };
}
