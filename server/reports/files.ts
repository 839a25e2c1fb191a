import type { AgeingQuery, AgeingResponse, SummaryQuery, SummaryResponse } from '../../core/contract';
import type { Statement } from '../../core/reports/statements';
import type { OrganisationSource } from '../sources/source';
import type { StatementSet } from './statements';
import { buildAgeing, buildSummary, readReportLedger } from './build';
import { ageingCsv, summaryCsv } from './csv';

// The PDF writers (pdfkit, fontkit and the fonts: about 150 ms to load) are loaded when a PDF is first asked for, not at start.
const ageingPdf = async (report: AgeingResponse) => (await import('./pdf/ageing')).ageingPdf(report);
const summaryPdf = async (report: SummaryResponse) => (await import('./pdf/summary')).summaryPdf(report);
/** Customer statements as one PDF (all of the set, or only one of them), loading the PDF writers the same way. */
export const statementsPdf = async (set: StatementSet, only?: Statement) => (await import('./pdf/statements')).statementsPdf(set, only);

/** The name a report's file is saved under: what it is, whose, and for when (the same for its PDF and CSV). */
export function fileName(kind: string, organisation: string, when: string): string {
  return `${kind} – ${organisation.replace(/[\\/:*?"<>|\s]+/g, ' ').trim()} – ${when}`;
}

/** A report built, with what its files are called and how to write them. */
export type BuiltReport<T> = { report: T; name: string; csv: () => string[][]; pdf: () => Promise<Buffer> };

export async function ageingReport(source: OrganisationSource, query: AgeingQuery, now: Date): Promise<BuiltReport<AgeingResponse>> {
  const report = buildAgeing(await readReportLedger(source), query, now);
  const kind = report.options.side === 'receivables' ? 'Aged Receivables' : 'Aged Payables';
  return { report, name: fileName(kind, report.organisation.name, `as at ${report.options.asAt}`), csv: () => ageingCsv(report), pdf: () => ageingPdf(report) };
}

export async function summaryReport(source: OrganisationSource, query: SummaryQuery, now: Date): Promise<BuiltReport<SummaryResponse>> {
  const report = buildSummary(await readReportLedger(source), query, now);
  const kind = report.options.side === 'receivables' ? 'Customer Account Summary' : 'Supplier Account Summary';
  return {
    report,
    name: fileName(kind, report.organisation.name, `${report.options.from} to ${report.options.to}`),
    csv: () => summaryCsv(report),
    pdf: () => summaryPdf(report),
  };
}
