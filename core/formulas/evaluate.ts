import { AGEING_DEFAULTS } from '../contract';
import type { AgeingOptions, FormulaCall, FormulaResult } from '../contract';
import type { IsoDate } from '../dates';
import type { Account, Ledger, TaxRate } from '../domain';
import { mappingKinds } from '../mapping/rows';
import type { MappingKind } from '../mapping/rows';
import type { Cents } from '../money';
import { ageingReport } from '../reports/ageing';
import { FormulaFault, blank, choiceArg, dateArg, invalid, notFound, textArg, wholeArg } from './arguments';
import { accountFields, contactFields, fieldOf, taxRateFields } from './fields';
import { accountFinder, contactFinder, documentFinder, taxRateFinder } from './lookups';

type Argument = FormulaCall['args'][number];

/** What the functions read: the organisation's ledger, its accounts and tax rates, the stored mappings, and its today. */
export type FormulaBooks = {
  ledger: Pick<Ledger, 'organisation' | 'invoices' | 'creditNotes' | 'payments' | 'overpayments' | 'prepayments' | 'contacts'>;
  accounts: readonly Account[];
  taxRates: readonly TaxRate[];
  mappings: ReadonlyArray<{ kind: MappingKind; source: string; target: string }>;
  /** The organisation's today, for dates left out or given as today, end-of-last-month, … */
  today: IsoDate;
};

const SIDES = ['receivables', 'payables'] as const;
const UNITS = ['month', 'week', 'day'] as const;
const BASES = ['due', 'invoice'] as const;

const money = (cents: number): FormulaResult => ({ kind: 'money', cents: cents as Cents });

/**
 * An evaluator for a recalculation's worth of XERO.* calls against one reading of the books. Each distinct report
 * (side, as-at date, periods, currency) is built once, on first use, and every cell that needs it looks its contact
 * up in it, so the figures are the reports' own to the cent. A call that cannot be answered gets its error and
 * message; the others are still answered. Calls are evaluated one at a time, so that a caller can let other work
 * run between them.
 */
export function formulaEvaluator(books: FormulaBooks): (call: FormulaCall) => FormulaResult {
  const functions = formulaFunctions(books);
  return (call) => {
    try {
      return functions[call.name](call.args);
    } catch (e) {
      if (e instanceof FormulaFault) return { kind: 'error', error: e.error, message: e.message };
      throw e;
    }
  };
}

/** Reports and lookups built once per batch, for the functions below. */
function batchReader(books: FormulaBooks) {
  const { ledger, today } = books;
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, build: () => T): T => {
    if (!memo.has(key)) memo.set(key, build());
    return memo.get(key) as T;
  };
  const contact = (v: Argument | undefined) => once('contacts', () => contactFinder(ledger.contacts))(textArg(v, 'contact'));

  /** The ageing rows of a report by contact and currency: each row's columns, then its total. */
  const ageing = (o: AgeingOptions) =>
    once(`ageing ${JSON.stringify(o)}`, () => {
      const rows = new Map<string, readonly number[]>();
      for (const row of ageingReport(ledger, o).rows) rows.set(`${row.contactId} ${row.currency}`, [...row.columns, row.total]);
      return rows;
    });
  const options = (over: Partial<AgeingOptions>): AgeingOptions => ({
    ...AGEING_DEFAULTS,
    includeUnappliedCredits: true,
    asAt: today,
    contactIds: null,
    ...over,
  });
  return { once, contact, ageing, options, base: ledger.organisation.baseCurrency };
}

function formulaFunctions(books: FormulaBooks): Record<FormulaCall['name'], (args: readonly Argument[]) => FormulaResult> {
  const { ledger, today } = books;
  const { once, contact, ageing, options, base } = batchReader(books);
  return {
    BALANCE: ([who, asAt, side, currency]) => {
      const code = blank(currency) || String(currency).trim().toLowerCase() === 'base' ? null : textArg(currency, 'currency').toUpperCase();
      if (code !== null && !/^[A-Z]{3}$/.test(code)) throw invalid(`currency must be base or a three-letter code such as USD, not "${String(currency)}"`);
      const o = options({ asAt: dateArg(asAt, 'asAt', today), side: choiceArg(side, 'side', SIDES, 'receivables'), periods: 1 });
      const c = contact(who);
      const rows = ageing(code === null ? o : { ...o, currency: 'document' });
      return money(rows.get(`${c.contactId} ${code ?? base}`)?.at(-1) ?? 0);
    },
    AGEING: ([who, asAt, period, periods, length, unit, basis, side]) => {
      if (blank(asAt)) throw invalid('asAt is missing: give the report date, or today');
      const n = wholeArg(periods, 'periods', 1, 24, AGEING_DEFAULTS.periods);
      const o = options({
        asAt: dateArg(asAt, 'asAt', today),
        periods: n,
        length: wholeArg(length, 'length', 1, 366, AGEING_DEFAULTS.length),
        unit: choiceArg(unit, 'unit', UNITS, 'month'),
        basis: choiceArg(basis, 'basis', BASES, 'due'),
        side: choiceArg(side, 'side', SIDES, 'receivables'),
      });
      const column = periodColumn(period, n);
      const c = contact(who);
      return money(ageing(o).get(`${c.contactId} ${base}`)?.[column] ?? 0);
    },
    OUTSTANDING: ([number, asAt]) => {
      const when = dateArg(asAt, 'asAt', today);
      const doc = once('documents', () => documentFinder(ledger.invoices, ledger.creditNotes))(textArg(number, 'documentNumber'));
      const lines = once(`lines ${doc.side} ${when}`, () => {
        const o = options({ asAt: when, side: doc.side, currency: 'document', detail: 'invoices', includeUnappliedCredits: false, periods: 1 });
        const amounts = new Map<string, number>();
        for (const row of ageingReport(ledger, o).rows) for (const line of row.lines ?? []) amounts.set(line.id, line.documentAmount);
        return amounts;
      });
      return money(lines.get(doc.id) ?? 0);
    },
    ACCOUNT: ([code, field]) => {
      const read = fieldOf(accountFields, field, 'ACCOUNT');
      return read(once('accounts', () => accountFinder(books.accounts))(textArg(code, 'code')));
    },
    TAXRATE: ([taxType, field]) => {
      const read = fieldOf(taxRateFields, field, 'TAXRATE');
      return read(once('taxRates', () => taxRateFinder(books.taxRates))(textArg(taxType, 'taxType')));
    },
    CONTACT: ([who, field]) => {
      const read = fieldOf(contactFields, field, 'CONTACT');
      return read(contact(who));
    },
    MAPPING: ([kind, sourceCode]) => {
      // The Mapping tab's kinds, singular or plural, any case ("Tax rule" is tax-rules).
      const word = textArg(kind, 'kind').toLowerCase().replace(/\s+/g, '-');
      const k = mappingKinds.find((m) => m === word || m === `${word}s`);
      if (!k) throw invalid(`kind must be one of ${mappingKinds.join(', ')}, not "${String(kind)}"`);
      const source = textArg(sourceCode, 'sourceCode');
      const targets = once(`mappings ${k}`, () => new Map(books.mappings.filter((m) => m.kind === k).map((m) => [m.source.trim().toLowerCase(), m.target])));
      const target = targets.get(source.toLowerCase());
      if (target === undefined) throw notFound(`"${source}" has no ${k} mapping yet: map it on the Mapping tab`);
      return { kind: 'text', value: target };
    },
  };
}

/** An ageing period's column: current, 1 … periods, older, or total (the row's last figure). */
function periodColumn(v: Argument | undefined, periods: number): number {
  if (typeof v === 'string') {
    const word = v.trim().toLowerCase();
    if (word === 'current') return 0;
    if (word === 'older') return periods + 1;
    if (word === 'total') return periods + 2;
  }
  if (blank(v)) throw invalid('period is missing: give current, 1 to the number of periods, older or total');
  const k = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(k) || k < 1 || k > periods) throw invalid(`period must be current, 1 to ${periods}, older or total, not "${String(v)}"`);
  return k;
}
