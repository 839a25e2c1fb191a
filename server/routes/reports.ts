import type { ReportFormat } from '../../core/contract';
import { csvFile, pdfFile } from '../files/answers';
import type { FileAnswer, RouteHandlers } from '../http/route-table';
import { buildAgeing, buildSummary, readReportLedger } from '../reports/build';
import { ageingCsv, summaryCsv } from '../reports/csv';
import { ageingPdf, summaryPdf } from '../reports/pdf';

/** The report as JSON, or as the CSV or PDF file it names. */
async function inFormat<T>(format: ReportFormat, name: string, report: T, csv: (r: T) => string[][], pdf: (r: T) => Promise<Buffer>): Promise<T | FileAnswer> {
  if (format === 'csv') return csvFile(name, csv(report));
  if (format === 'pdf') return pdfFile(name, await pdf(report));
  return report;
}

/** Aged receivables and payables, and running account summaries: JSON for the sheets, CSV and PDF to hand out. */
export function reportHandlers(clock: () => Date = () => new Date()): RouteHandlers {
  return {
    ageingReport: async ({ query }, { source }) => {
      const report = buildAgeing(await readReportLedger(source), query, clock());
      return inFormat(query.format, `aged-${report.options.side}-${report.options.asAt}`, report, ageingCsv, ageingPdf);
    },
    accountSummary: async ({ query }, { source }) => {
      const report = buildSummary(await readReportLedger(source), query, clock());
      return inFormat(query.format, `account-summary-${report.options.from}-to-${report.options.to}`, report, summaryCsv, summaryPdf);
    },
  };
}
