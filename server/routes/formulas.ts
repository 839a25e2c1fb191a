import { dateIn } from '../../core/schedules/relative-dates';
import { formulaEvaluator } from '../../core/formulas/evaluate';
import type { FormulaCall, FormulaResult } from '../../core/contract';
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

/** Longest the event loop is held between turns while a batch is evaluated (a report over a large ledger is one step). */
const TURN_MS = 20;

/** Evaluates the calls, letting other requests run every TURN_MS: 2,000 cells asking for 2,000 as-at dates build 2,000 reports. */
async function evaluateInTurns(evaluate: (call: FormulaCall) => FormulaResult, calls: readonly FormulaCall[]): Promise<FormulaResult[]> {
  const results: FormulaResult[] = [];
  let turn = performance.now();
  for (const call of calls) {
    results.push(evaluate(call));
    if (performance.now() - turn > TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turn = performance.now();
    }
  }
  return results;
}

/** The worksheet functions' batch route, and the fresh pull "Refresh formulas" makes before Excel recalculates. */
export function formulaHandlers(mappings: MappingStore, clock: () => Date = () => new Date()): RouteHandlers {
  return {
    formulas: async ({ body }, { source }) => {
      const { books, fetchedAt } = await readBooks(source, mappings, { maxAgeMs: FORMULA_FRESH_MS }, clock());
      return { results: await evaluateInTurns(formulaEvaluator(books), body.calls), fetchedAt };
    },
    refreshFormulas: async (_input, { source }) => ({ fetchedAt: (await readBooks(source, mappings, {}, clock())).fetchedAt }),
  };
}
