import { ACCOUNT_CLASS_OF_ROLE, cellText, roleOf } from './rows';
import type { MappingKind, MappingRow } from './rows';
import { normaliseName, SimilarityIndex } from './similarity';
import type { XeroLookup } from './xero-data';

export type Suggestion = { row: number; target: string | null; label: string | null; confidence: number; reason: string };

type Candidate = { key: string; label: string; name: string };

type Best = ReturnType<SimilarityIndex['best']>[number] | undefined;
type Entry = { candidates: Candidate[]; index: SimilarityIndex; best: Map<string, Best> };

/**
 * Kept per set of Xero tables (a lookup) and kind: the candidates, their similarity index, and the closest
 * candidate of each name already asked for. A reviewer's steps (suggest, accept, approve, preview, apply)
 * check the same sheet again and again, so each name is matched once while the Xero tables stay the same.
 */
const indexes = new WeakMap<XeroLookup, Map<string, Entry>>();
const REMEMBERED_NAMES = 50_000;

/** The candidates of a kind; for accounts, only those of `accountClass` when the row's role says which. */
function candidateIndex(kind: MappingKind, lookup: XeroLookup, accountClass: string | null = null): Entry {
  let byKind = indexes.get(lookup);
  if (!byKind) {
    byKind = new Map();
    indexes.set(lookup, byKind);
  }
  const key = accountClass ? `${kind}:${accountClass}` : kind;
  let entry = byKind.get(key);
  if (!entry) {
    const { accounts, taxRates, contacts } = lookup.tables;
    let candidates: Candidate[];
    if (kind === 'accounts') {
      candidates = accounts
        .filter((a) => a.status === 'ACTIVE' && a.code && (!accountClass || a.class === accountClass))
        .map((a) => ({ key: a.code as string, label: `${a.code} ${a.name}`, name: a.name }));
    }
    else if (kind === 'payment-methods') candidates = accounts.filter((a) => a.status === 'ACTIVE' && a.code && (a.type === 'BANK' || a.enablePaymentsToAccount)).map((a) => ({ key: a.code as string, label: `${a.code} ${a.name}`, name: a.name }));
    else if (kind === 'tax-rules') candidates = taxRates.filter((t) => t.status === 'ACTIVE').map((t) => ({ key: t.taxType, label: `${t.name} (${t.effectiveRate}%)`, name: t.name }));
    else candidates = contacts.filter((c) => c.status === 'ACTIVE').map((c) => ({ key: c.name, label: c.name, name: c.name }));
    entry = { candidates, index: new SimilarityIndex(candidates.map((c) => normaliseName(c.name))), best: new Map() };
    byKind.set(key, entry);
  }
  return entry;
}

/**
 * A suggested Xero target for every row, with a 0–100 confidence: an exact code, account number or
 * email first (100), then the closest name (Dice's coefficient on bigrams; at most 95). Deterministic:
 * the same rows and Xero data always give the same suggestions.
 */
export function suggestTargets(kind: MappingKind, rows: readonly MappingRow[], lookup: XeroLookup): Suggestion[] {
  const { taxRates } = lookup.tables;
  // Source systems repeat names (one customer at several outlets), and reviewers check a sheet many times:
  // each distinct name is matched once per set of Xero tables.
  const bestMatch = ({ index, best: bestOf }: Entry, name: string): Best => {
    if (bestOf.has(name)) return bestOf.get(name);
    if (bestOf.size >= REMEMBERED_NAMES) bestOf.clear();
    const found = index.best(normaliseName(name), 1)[0];
    bestOf.set(name, found);
    return found;
  };

  return rows.map((row): Suggestion => {
    const none = { row: row.row, target: null, label: null, confidence: 0, reason: 'nothing similar in Xero' };
    const source = cellText(row.source).trim();
    const name = cellText(row.name).trim() || source;
    // An account code's role says which class of account it needs: only those are suggested, so that a suggestion
    // never fails the class check (a revenue code is not offered an expense account with a similar name).
    const role = kind === 'accounts' ? roleOf(row.role) : null;
    const entry = candidateIndex(kind, lookup, role ? ACCOUNT_CLASS_OF_ROLE[role] : null);
    const { candidates } = entry;
    if (kind === 'accounts' || kind === 'payment-methods') {
      const exact = lookup.accountByCode.get(source);
      if (exact && candidates.some((c) => c.key === exact.code)) return { row: row.row, target: exact.code, label: `${exact.code} ${exact.name}`, confidence: 100, reason: 'same code' };
    }
    if (kind === 'tax-rules') {
      const exact = lookup.taxRateByType.get(source.toUpperCase());
      if (exact && exact.status === 'ACTIVE') return { row: row.row, target: exact.taxType, label: `${exact.name} (${exact.effectiveRate}%)`, confidence: 100, reason: 'same tax type' };
      const rate = Number(cellText(row.rate).replace('%', '').trim());
      if (cellText(row.rate).trim() !== '' && Number.isFinite(rate)) {
        const sameRate = taxRates.filter((t) => t.status === 'ACTIVE' && Math.abs(Number(t.effectiveRate) - rate) < 1e-9 && t.canApplyToRevenue);
        if (sameRate.length > 0) {
          const sub = new SimilarityIndex(sameRate.map((t) => normaliseName(t.name)));
          const best = sub.best(normaliseName(name), 1)[0];
          const t = sameRate[best?.index ?? 0]!;
          return { row: row.row, target: t.taxType, label: `${t.name} (${t.effectiveRate}%)`, confidence: sameRate.length === 1 ? 90 : Math.max(60, Math.min(89, Math.round((best?.score ?? 0) * 100))), reason: `same rate (${rate}%)` };
        }
      }
    }
    if (kind === 'customers') {
      for (const [value, map, why] of [
        [cellText(row.accountNumber).trim().toLowerCase(), lookup.contactsByAccountNumber, 'same account number'],
        [cellText(row.email).trim().toLowerCase(), lookup.contactsByEmail, 'same email'],
        [source.toLowerCase(), lookup.contactsByNumber, 'same contact number'],
      ] as const) {
        const hits = value ? (map.get(value) ?? []).filter((c) => c.status === 'ACTIVE') : [];
        if (hits.length === 1) return { row: row.row, target: hits[0]!.name, label: hits[0]!.name, confidence: 100, reason: why };
      }
    }
    const best = bestMatch(entry, name);
    if (!best || best.score < 0.3) return none;
    const c = candidates[best.index] as Candidate;
    return { row: row.row, target: c.key, label: c.label, confidence: Math.min(95, Math.round(best.score * 100)), reason: 'similar name' };
  });
}
