import { ageingQuerySchema, summaryQuerySchema } from '../../core/contract';
import type { AgeingResponse } from '../../core/contract';
import type { IsoDate } from '../../core/dates';
import { customerStatements } from '../../core/reports/statements';
import type { Statement } from '../../core/reports/statements';
import type { OrganisationSource } from '../sources/source';
import { buildAgeing, buildSummary, readReportLedger } from './build';

/** Customers' statements for a period, with what they are for and whose they are. */
export type StatementSet = {
  organisation: AgeingResponse['organisation'];
  generatedAt: string;
  from: IsoDate;
  to: IsoDate;
  statements: Statement[];
};

export type StatementsQuery = { from: IsoDate; to: IsoDate; currency?: 'base' | 'document'; contactIds?: string[]; all?: boolean };

/**
 * Activity statements of the organisation's customers for a period, from the same ledger as the reports: the account
 * summary's lines, and the ageing at the closing date with unapplied credits counted (so its total is the closing
 * balance). Each carries the customer's email address from Xero.
 */
export async function buildStatements(source: OrganisationSource, q: StatementsQuery, now: Date): Promise<StatementSet> {
  const ledger = await readReportLedger(source);
  const common = { side: 'receivables', currency: q.currency ?? 'base', ...(q.contactIds ? { contactIds: q.contactIds } : {}) };
  const summary = buildSummary(ledger, summaryQuerySchema.parse({ ...common, from: q.from, to: q.to }), now);
  const ageing = buildAgeing(ledger, ageingQuerySchema.parse({ ...common, asAt: q.to, includeUnappliedCredits: true }), now);
  const emails = new Map((await source.read('contacts')).records.map((c) => [c.contactId, c.email ?? null]));
  return {
    organisation: summary.organisation,
    generatedAt: summary.generatedAt,
    from: q.from,
    to: q.to,
    statements: customerStatements(summary, ageing, emails, { all: q.all ?? false }),
  };
}
