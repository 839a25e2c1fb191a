import type { TaxRate } from '../../domain';
import { ACCOUNT_CLASS_OF_ROLE, cellText, roleOf } from '../rows';
import type { Cell } from '../rows';
import { normaliseName, SimilarityIndex } from '../similarity';
import { checkTaxRate } from '../targets';
import type { Report } from '../targets';
import type { MappingKindDefinition } from './types';

const CAN_APPLY: Record<string, keyof TaxRate> = {
  REVENUE: 'canApplyToRevenue',
  EXPENSE: 'canApplyToExpenses',
  ASSET: 'canApplyToAssets',
  LIABILITY: 'canApplyToLiabilities',
  EQUITY: 'canApplyToEquity',
};

/** The source rule's rate in per cent (0.1 in a percent-formatted cell is 10 %). */
function parseRate(cell: Cell | undefined, report: Report): number | null {
  if (cell === null || cell === undefined || cell === '') {
    report('rate', 'error', 'blank', 'is blank: give the source rule’s rate in per cent, e.g. 10');
    return null;
  }
  if (typeof cell === 'number') return cell < 1 && cell > 0 ? cell * 100 : cell;
  const text = String(cell).trim().replace(/%$/, '').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    report('rate', 'error', 'not-a-number', `"${String(cell)}" is not a rate: type a number of per cent, e.g. 10`);
    return null;
  }
  // A number stored as text (every CSV cell is text) is read as the number.
  return value;
}

const rateText = (cell: Cell | undefined) => cellText(cell).replace('%', '').trim();

/** The class of account a rule is used with ("Used with", revenue when blank), or null when it names none. */
function usedWithClass(row: { usedWith?: Cell }): string | null {
  const usedWith = cellText(row.usedWith).trim() === '' ? 'revenue' : roleOf(row.usedWith);
  return usedWith ? ACCOUNT_CLASS_OF_ROLE[usedWith] : null;
}

const appliesTo = (t: TaxRate, cls: string | null) => cls === null || t[CAN_APPLY[cls] as keyof TaxRate] === true;
const label = (t: TaxRate) => `${t.name} (${t.effectiveRate}%)`;

/** A source system's tax rules onto Xero tax rates that can be used on the right kind of account; or a new tax rate. */
export const taxRulesKind: MappingKindDefinition = {
  kind: 'tax-rules',
  title: 'Tax rules',
  layout: {
    sheet: 'Map Tax Rules',
    table: 'MapTaxRules',
    source: [
      { field: 'source', header: 'Source Rule', kind: 'code', csv: ['source rule', 'rule', 'code', 'tax code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'description'] },
      { field: 'rate', header: 'Rate %', kind: 'text', csv: ['rate', 'rate %', 'percent'] },
      { field: 'usedWith', header: 'Used With', kind: 'text', csv: ['used with', 'account type'] },
      { field: 'action', header: 'Action', kind: 'text', csv: ['action'] },
    ],
    targets: { table: 'XeroTaxRates', column: 'Tax Type' },
  },

  check(row, { lookup, report, resolved, target }) {
    const rate = parseRate(row.rate, report);
    if (target === null) return;
    if (row.action === 'create-tax-rate') {
      // A new tax rate, named by the target, at the source rule's rate.
      if (lookup.taxRateByName.has(target.toLowerCase()) || lookup.taxRateByType.has(target)) {
        report('target', 'error', 'exists', `a tax rate "${target}" exists in Xero already: choose it instead of creating it`);
      } else if (target.length > 50) report('target', 'error', 'too-long', 'is longer than the 50 characters Xero allows for a tax rate name');
      else if (rate !== null && (rate < 0 || rate > 100)) report('rate', 'error', 'out-of-range', `${rate}% is not a rate Xero accepts: use 0 to 100`);
      return;
    }
    const taxRate = checkTaxRate(target, lookup, 'target', report);
    if (!taxRate) return;
    resolved.taxRate = taxRate;
    if (rate !== null && Math.abs(Number(taxRate.effectiveRate) - rate) > 1e-9) {
      report(
        'target',
        'warning',
        'rate-differs',
        `tax rate ${taxRate.taxType} is ${taxRate.effectiveRate}%, the source rule ${rate}%: check that this is intended`,
      );
    }
    const usedWith = cellText(row.usedWith).trim() === '' ? 'revenue' : roleOf(row.usedWith);
    const cls = usedWith ? ACCOUNT_CLASS_OF_ROLE[usedWith] : null;
    if (!cls)
      report(
        'usedWith',
        'error',
        'unknown-role',
        `"${cellText(row.usedWith)}" is not a kind of account: use revenue, expense, cost of sales, asset or liability`,
      );
    else if (!appliesTo(taxRate, cls)) {
      report(
        'target',
        'error',
        'cannot-apply',
        `tax rate ${taxRate.taxType} (${taxRate.name}) cannot be used on ${cls.toLowerCase()} accounts in Xero: choose another tax rate`,
      );
    }
  },

  suggestions: {
    // Only rates usable on the kind of account the rule is used with: a suggestion never fails the row's own check.
    scope: (row) => usedWithClass(row),
    candidates: (lookup, cls) =>
      lookup.tables.taxRates.filter((t) => t.status === 'ACTIVE' && appliesTo(t, cls)).map((t) => ({ key: t.taxType, label: label(t), name: t.name })),
    /** The same tax type first; then, among active rates usable on that kind of account at the same rate, the closest name. */
    direct: (row, lookup) => {
      const source = cellText(row.source).trim();
      const cls = usedWithClass(row);
      const exact = lookup.taxRateByType.get(source.toUpperCase());
      if (exact && exact.status === 'ACTIVE' && appliesTo(exact, cls))
        return { target: exact.taxType, label: label(exact), confidence: 100, reason: 'same tax type' };
      if (exact) {
        const why =
          exact.status !== 'ACTIVE'
            ? `is ${exact.status.toLowerCase()} in Xero: restore it there or choose another`
            : `cannot be used on ${cls?.toLowerCase()} accounts: choose another`;
        return { target: null, label: null, confidence: 0, reason: `matches tax rate ${exact.taxType} (${exact.name}), which ${why}` };
      }
      const rate = Number(rateText(row.rate));
      if (cellText(row.rate).trim() === '' || !Number.isFinite(rate)) return null;
      const sameRate = lookup.tables.taxRates.filter((t) => t.status === 'ACTIVE' && Math.abs(Number(t.effectiveRate) - rate) < 1e-9 && appliesTo(t, cls));
      if (sameRate.length === 0) return null;
      const best = new SimilarityIndex(sameRate.map((t) => normaliseName(t.name))).best(normaliseName(cellText(row.name).trim() || source), 1)[0];
      const t = sameRate[best?.index ?? 0]!;
      const confidence = sameRate.length === 1 ? 90 : Math.max(60, Math.min(89, Math.round((best?.score ?? 0) * 100)));
      return { target: t.taxType, label: label(t), confidence, reason: `same rate (${rate}%)` };
    },
  },

  value: (row, r) => {
    const details = (taxRate: string) => ({ name: cellText(row.name).trim(), rate: rateText(row.rate), taxRate });
    const target = cellText(row.target).trim();
    if (row.action === 'create-tax-rate' && target) return { target: `new: ${target}`, details: details(target) };
    return r.taxRate ? { target: r.taxRate.taxType, details: details(r.taxRate.name) } : null;
  },
  fromStored: (details) => ({ rate: details.rate ?? null }),

  /** "create tax rate" creates the target as a one-component tax rate at the source rule's rate; a revert leaves it in Xero. */
  xeroWrite: (row, _resolved, after) =>
    row.action === 'create-tax-rate' ? { type: 'tax-rate', name: after.details.taxRate ?? '', percent: after.details.rate ?? '0' } : null,
};
