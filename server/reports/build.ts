import { ageingOptionsOf } from '../../core/contract';
import type { AgeingQuery, AgeingResponse, Reconciliation, SummaryQuery, SummaryResponse } from '../../core/contract';
import { addMonths, todayUtc } from '../../core/dates';
import type { IsoDate } from '../../core/dates';
import type { Contact, Ledger } from '../../core/domain';
import { cents } from '../../core/money';
import type { Cents } from '../../core/money';
import { accountSummary } from '../../core/reports/account-summary';
import { ageingReport } from '../../core/reports/ageing';
import { indexInSteps } from '../../core/reports/ledger-index';
import type { LedgerIndex } from '../../core/reports/index-layout';
import { indexBytes } from '../sources/sizes';
import type { Side } from '../../core/reports/documents';
import type { OrganisationSource, ReadOptions } from '../sources/source';
import { inTurn } from '../turns';

type ReportLedger = Pick<Ledger, 'organisation' | 'invoices' | 'creditNotes' | 'payments' | 'overpayments' | 'prepayments' | 'contacts'>;

/**
 * Reads what the reports need from an organisation (incrementally, for Xero), with when the oldest of those
 * tables was fetched. `options.maxAgeMs` reuses tables fetched that recently without asking Xero again.
 */
export async function readReportLedger(source: OrganisationSource, options: ReadOptions = {}): Promise<ReportLedger & { fetchedAt: string }> {
  const tables = await Promise.all([
    source.read('invoices', options),
    source.read('creditNotes', options),
    source.read('payments', options),
    source.read('overpayments', options),
    source.read('prepayments', options),
    source.read('contacts', options),
  ]);
  const [invoices, creditNotes, payments, overpayments, prepayments, contacts] = tables;
  const ledger = {
    organisation: source.organisation,
    invoices: invoices.records,
    creditNotes: creditNotes.records,
    payments: payments.records,
    overpayments: overpayments.records,
    prepayments: prepayments.records,
    contacts: contacts.records,
    fetchedAt: tables.map((t) => t.fetchedAt).reduce((a, b) => (a < b ? a : b)),
  };
  // The index lives as long as the tables it was built from; kept beside them, it counts towards their budget.
  const index = await prepareIndex(ledger);
  source.remember('reports-index', index, indexBytes(index));
  return ledger;
}

/** Reports being prepared, by their invoices table: a second request for the same tables waits for the first. */
const preparing = new WeakMap<object, Promise<LedgerIndex>>();

/** Builds (or patches) the reports' index of the ledger in steps, letting other requests run between them. */
async function prepareIndex(ledger: Parameters<typeof indexInSteps>[0]): Promise<LedgerIndex> {
  const running = preparing.get(ledger.invoices);
  if (running) return running;
  const done = (async () => {
    const steps = indexInSteps(ledger);
    // The first step now, each later one in a turn of its own (server/turns.ts).
    for (let step = steps.next(); ; step = await inTurn(() => steps.next())) if (step.done) return step.value;
  })();
  preparing.set(ledger.invoices, done);
  try {
    return await done;
  } finally {
    preparing.delete(ledger.invoices);
  }
}

/** When the report is as at another day than today: Xero's balances (today's) are not put beside it as if they were comparable. */
function notComparable(reportTotal: Cents, asAt: IsoDate, today: IsoDate): Reconciliation {
  const note = `Not compared with Xero: its contact balances are today's (${today}) and this report is as at ${asAt}; build it as at today to compare them`;
  return { reportTotal, xeroTotal: null, difference: null, note };
}

function reconcile(contacts: Contact[], side: Side, scope: readonly string[] | null, reportTotal: Cents, comparable: string): Reconciliation {
  const inScope = scope ? new Set(scope) : null;
  let total = 0;
  let any = false;
  for (const c of contacts) {
    if (!c.balances || (inScope && !inScope.has(c.contactId))) continue;
    any = true;
    total += side === 'receivables' ? c.balances.receivableOutstanding : c.balances.payableOutstanding;
  }
  if (!any) return { reportTotal, xeroTotal: null, difference: null, note: 'Xero gave no contact balances to reconcile with' };
  const xeroTotal = cents(total);
  return { reportTotal, xeroTotal, difference: cents(reportTotal - xeroTotal), note: comparable };
}

export function buildAgeing(ledger: ReportLedger, query: AgeingQuery, now: Date = new Date()): AgeingResponse {
  const options = ageingOptionsOf(query, todayUtc(now));
  const report = ageingReport(ledger, options);
  const baseTotal = report.baseTotal;
  const today = todayUtc(now);
  const reconciliation =
    options.asAt !== today
      ? notComparable(baseTotal, options.asAt, today)
      : reconcile(
          ledger.contacts,
          options.side,
          options.contactIds,
          baseTotal,
          'Xero’s contact balances are today’s, in base currency, without overpayments and prepayments: they match this report with unapplied credits left out; a few cents can differ where foreign-currency lines round separately',
        );
  return {
    organisation: reportOrganisation(ledger.organisation),
    generatedAt: now.toISOString(),
    options: report.options,
    baseCurrency: report.baseCurrency,
    columns: report.columns,
    rows: report.rows,
    totals: report.totals,
    reconciliation,
  };
}

export function buildSummary(ledger: ReportLedger, query: SummaryQuery, now: Date = new Date()): SummaryResponse {
  const to = query.to ?? todayUtc(now);
  const from = query.from ?? (`${addMonths(to, -2).slice(0, 7)}-01` as IsoDate);
  const options = { side: query.side, from, to, contactIds: query.contactIds ?? null, currency: query.currency };
  const report = accountSummary(ledger, options);
  const baseClosing =
    options.currency === 'base'
      ? report.contacts.reduce((n, c) => n + c.closing, 0)
      : accountSummary(ledger, { ...options, currency: 'base' }).contacts.reduce((n, c) => n + c.closing, 0);
  return {
    organisation: reportOrganisation(ledger.organisation),
    generatedAt: now.toISOString(),
    options: { ...options, contactIds: options.contactIds ? [...options.contactIds] : null },
    baseCurrency: report.baseCurrency,
    contacts: report.contacts,
    reconciliation:
      to !== todayUtc(now)
        ? notComparable(cents(baseClosing), to, todayUtc(now))
        : reconcile(
            ledger.contacts,
            options.side,
            options.contactIds,
            cents(baseClosing),
            'Xero’s contact balances are today’s and leave out overpayments and prepayments, which these closing balances include',
          ),
  };
}

/** The organisation as a report names it. */
function reportOrganisation(o: Ledger['organisation']) {
  return { tenantId: o.tenantId, name: o.name, countryCode: o.countryCode, timezone: o.timezone ?? null };
}
