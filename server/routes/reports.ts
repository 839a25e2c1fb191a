import { Router } from 'express';
import type { Response } from 'express';
import { ageingQuerySchema, ageingResponseSchema, summaryQuerySchema, summaryResponseSchema } from '../../core/contract';
import type { ReportFormat } from '../../core/contract';
import { parse } from '../http/validate';
import { buildAgeing, buildSummary, readReportLedger } from '../reports/build';
import { ageingCsv, summaryCsv } from '../reports/csv';
import { ageingPdf, summaryPdf } from '../reports/pdf';
import type { OrganisationDirectory } from '../sources/directory';
import { organisationFor } from './orgs';

async function send(res: Response, format: ReportFormat, name: string, json: unknown, csv: () => string, pdf: () => Promise<Buffer>): Promise<void> {
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(`\uFEFF${csv()}`);
  } else if (format === 'pdf') {
    res.type('application/pdf').attachment(`${name}.pdf`).send(await pdf());
  } else {
    res.json(json);
  }
}

/** Aged receivables and payables, and running account summaries: JSON for the sheets, CSV and PDF to hand out. */
export function reportRoutes(directory: OrganisationDirectory, clock: () => Date = () => new Date()): Router {
  const router = Router();

  router.get('/orgs/:tenantId/reports/ageing', async (req, res) => {
    const source = organisationFor(req, directory);
    const query = parse(ageingQuerySchema, req.query, 'query');
    const report = ageingResponseSchema.parse(buildAgeing(await readReportLedger(source), query, clock()));
    const name = `aged-${report.options.side}-${report.options.asAt}`;
    await send(res, query.format, name, report, () => ageingCsv(report), () => ageingPdf(report));
  });

  router.get('/orgs/:tenantId/reports/account-summary', async (req, res) => {
    const source = organisationFor(req, directory);
    const query = parse(summaryQuerySchema, req.query, 'query');
    const report = summaryResponseSchema.parse(buildSummary(await readReportLedger(source), query, clock()));
    const name = `account-summary-${report.options.from}-to-${report.options.to}`;
    await send(res, query.format, name, report, () => summaryCsv(report), () => summaryPdf(report));
  });

  return router;
}
