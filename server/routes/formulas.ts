import { dateIn } from '../../core/schedules/relative-dates';
import { evaluateFormulas } from '../../core/formulas/evaluate';
import type { RouteHandlers } from '../http/route-table';
import type { MappingStore } from '../mapping/store';
import { readReportLedger } from '../reports/build';
import { reportLocale } from '../reports/locale';
import type { OrganisationSource, ReadOptions } from '../sources/source';

/**
 * How long a recalculation reuses what was fetched from Xero: the five requests of 10,000 cells, and the next
 * recalculation within the minute, ask Xero nothing more (its limit is 60 calls a minute). "Refresh formulas"
 * fetches first.
 */
const FORMULA_FRESH_MS = 60_000;

async function readBooks(source: OrganisationSource, mappings: MappingStore, options: ReadOptions, now: Date) {
  const [ledger, accounts, taxRates, stored] = await Promise.all([
    readReportLedger(source, options),
    source.read('accounts', options),
    source.read('taxRates', options),
    mappings.all(source.organisation.tenantId),
  ]);
  const today = dateIn(reportLocale(source.organisation).timeZone, now.getTime());
  const fetchedAt = [ledger.fetchedAt, accounts.fetchedAt, taxRates.fetchedAt].reduce((a, b) => (a < b ? a : b));
  return { books: { ledger, accounts: accounts.records, taxRates: taxRates.records, mappings: stored, today }, fetchedAt };
}

/** The worksheet functions' batch route, and the fresh pull "Refresh formulas" makes before Excel recalculates. */
export function formulaHandlers(mappings: MappingStore, clock: () => Date = () => new Date()): RouteHandlers {
  return {
    formulas: async ({ body }, { source }) => {
      const { books, fetchedAt } = await readBooks(source, mappings, { maxAgeMs: FORMULA_FRESH_MS }, clock());
      return { results: evaluateFormulas(books, body.calls), fetchedAt };
    },
    refreshFormulas: async (_input, { source }) => ({ fetchedAt: (await readBooks(source, mappings, {}, clock())).fetchedAt }),
  };
}
