import type { AgeingResponse, SummaryResponse } from '../contract';
import type { Cents } from '../money';

type SummaryContact = SummaryResponse['contacts'][number];

/**
 * A customer's statement for a period: the account summary's lines for that customer (opening balance, every
 * document and payment with the running balance, closing balance), and beside it the customer's ageing at the closing
 * date, which Xero's own statements lack. The ageing counts unapplied credits, so its total is the closing balance.
 */
export type Statement = {
  contactId: string;
  contactName: string;
  /** The currency its figures are in. */
  currency: string;
  /** Where it is sent (Xero's EmailAddress, or an address given instead); null when there is none. */
  email: string | null;
  opening: Cents;
  lines: SummaryContact['lines'];
  debits: Cents;
  credits: Cents;
  closing: Cents;
  ageing: { titles: string[]; amounts: Cents[]; total: Cents };
};

/**
 * The statements of the customers in `summary` (a period's account summary) with `ageing` at its closing date, both in
 * the same currency mode: every customer with a balance, or (`all`) every customer the summary lists.
 */
export function customerStatements(
  summary: SummaryResponse,
  ageing: AgeingResponse,
  emails: ReadonlyMap<string, string | null>,
  options: { all?: boolean } = {},
): Statement[] {
  const rows = new Map(ageing.rows.map((r) => [`${r.contactId}\u0000${r.currency}`, r]));
  const titles = ageing.columns.map((c) => c.title);
  return summary.contacts
    .filter((c) => options.all || c.closing !== 0)
    .map((c) => {
      const row = rows.get(`${c.contactId}\u0000${c.currency}`);
      const amounts = row ? row.columns : (titles.map(() => 0) as Cents[]);
      return {
        contactId: c.contactId,
        contactName: c.contactName,
        currency: c.currency,
        email: emails.get(c.contactId) ?? null,
        opening: c.opening,
        lines: c.lines,
        debits: c.debits,
        credits: c.credits,
        closing: c.closing,
        ageing: { titles, amounts, total: row?.total ?? (0 as Cents) },
      };
    });
}
