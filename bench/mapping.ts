import { checkRows } from '../core/mapping/checks';
import type { MappingRow } from '../core/mapping/rows';
import { suggestTargets } from '../core/mapping/suggest';
import { xeroLookup } from '../core/mapping/xero-data';
import { generateDemo } from '../scripts/demo/generator';
import { ledgerFromRaw } from '../server/xero/deserialize';
import { figure, heading, ms, target } from './format';
import { compareTwoStrings } from 'string-similarity';
import { normaliseName } from '../core/mapping/similarity';

/** Suggestions and checks for 10,000 source customers against 5,000 Xero contacts. */
export async function benchMapping(): Promise<void> {
  heading('Mapping: suggestions and checks, 10,000 source customers against 5,000 contacts');
  const ledger = ledgerFromRaw(generateDemo({ seed: 'mapping-bench', customers: 4972, suppliers: 28, salesInvoices: 200, bills: 50 }), 'snapshot');
  const lookup = xeroLookup({ accounts: ledger.accounts, taxRates: ledger.taxRates, contacts: ledger.contacts });
  const customers = ledger.contacts.filter((c) => c.isCustomer);
  const rows: MappingRow[] = Array.from({ length: 10_000 }, (_, i) => {
    const c = customers[i % customers.length]!;
    return {
      row: i + 2,
      source: `POS-${i}`,
      name: i % 3 === 0 ? c.name.replace(/ /g, '  ').toUpperCase() : `${c.name.slice(0, -2)} Store`,
      email: i % 5 === 0 ? c.email : null,
      target: i % 4 === 0 ? c.name : null,
      status: 'Draft',
    };
  });
  figure('contacts / source rows', `${ledger.contacts.length} / ${rows.length}`);
  suggestTargets('customers', rows.slice(0, 1000), lookup);
  let t = process.hrtime.bigint();
  const suggestions = suggestTargets('customers', rows, lookup);
  const suggestMs = ms(t);
  t = process.hrtime.bigint();
  const { problems } = checkRows('customers', rows, lookup);
  const checkMs = ms(t);
  figure('suggestions', `${suggestMs.toFixed(0)} ms`, `${suggestions.filter((s) => s.target).length} with a target`);
  figure('checks', `${checkMs.toFixed(0)} ms`, `${problems.length} problems`);

  // Baseline in the same process: comparing every pair with the string-similarity package, on 200 rows.
  const names = ledger.contacts.map((c) => normaliseName(c.name));
  t = process.hrtime.bigint();
  for (const r of rows.slice(0, 200)) {
    const q = normaliseName(String(r.name));
    let best = 0;
    for (const n of names) best = Math.max(best, compareTwoStrings(q, n));
  }
  const pairwise = (ms(t) / 200) * rows.length;
  figure('baseline: every pair (string-similarity), extrapolated', `${pairwise.toFixed(0)} ms`);
  figure('ratio (indexed suggestions / every pair)', (suggestMs / pairwise).toFixed(3));
  target('suggestions and checks for 10,000 rows under 1 s', suggestMs + checkMs < 1000, `${(suggestMs + checkMs).toFixed(0)} ms`);
}
