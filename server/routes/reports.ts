import type { AgeingQuery, ReportFormat, SummaryQuery } from '../../core/contract';
import type { OrganisationSource } from '../sources/source';
import { csvFile, pdfFile } from '../files/answers';
import type { FileAnswer, RouteHandlers } from '../http/route-table';
import { buildAgeing, buildSummary, readReportLedger } from '../reports/build';
import { ageingCsv, summaryCsv } from '../reports/csv';
import type { AgeingResponse, SummaryResponse } from '../../core/contract';

// The PDF writers (pdfkit, fontkit and the fonts: about 150 ms to load) are loaded when a PDF is first asked for, not at start.
const ageingPdf = async (report: AgeingResponse) => (await import('../reports/pdf/ageing')).ageingPdf(report);
const summaryPdf = async (report: SummaryResponse) => (await import('../reports/pdf/summary')).summaryPdf(report);

/** The report as JSON, or as the CSV or PDF file it names. */
async function inFormat<T>(format: ReportFormat, name: string, report: T, csv: (r: T) => string[][], pdf: (r: T) => Promise<Buffer>): Promise<T | FileAnswer> {
  if (format === 'csv') return csvFile(name, csv(report));
  if (format === 'pdf') return pdfFile(name, await pdf(report));
  return report;
}

/** The name a report's file is saved under: what it is, whose, and for when (the same for its PDF and CSV). */
function fileName(kind: string, organisation: string, when: string): string {
  return `${kind} – ${organisation.replace(/[\\/:*?"<>|\s]+/g, ' ').trim()} – ${when}`;
}

/** Aged receivables and payables, and running account summaries: JSON for the sheets, CSV and PDF to hand out. */
export function reportHandlers(clock: () => Date = () => new Date()): RouteHandlers {
  const ageing = async (query: AgeingQuery, source: OrganisationSource) => {
    const report = buildAgeing(await readReportLedger(source), query, clock());
    const kind = report.options.side === 'receivables' ? 'Aged Receivables' : 'Aged Payables';
    return inFormat(query.format, fileName(kind, report.organisation.name, `as at ${report.options.asAt}`), report, ageingCsv, ageingPdf);
  };
  const summary = async (query: SummaryQuery, source: OrganisationSource) => {
    const report = buildSummary(await readReportLedger(source), query, clock());
    const kind = report.options.side === 'receivables' ? 'Customer Account Summary' : 'Supplier Account Summary';
    return inFormat(query.format, fileName(kind, report.organisation.name, `${report.options.from} to ${report.options.to}`), report, summaryCsv, summaryPdf);
  };
  return {
    ageingReport: ({ query }, { source }) => ageing(query, source),
    ageingReportByPost: ({ body }, { source }) => ageing(body, source),
    accountSummary: ({ query }, { source }) => summary(query, source),
    accountSummaryByPost: ({ body }, { source }) => summary(body, source),
  };
}
