import { mappingKindDefinitions } from './kinds';
import type { Candidate } from './kinds/types';
import { cellText } from './rows';
import type { MappingKind, MappingRow } from './rows';
import { normaliseName, SimilarityIndex } from './similarity';
import type { XeroLookup } from './xero-data';

export type Suggestion = { row: number; target: string | null; label: string | null; confidence: number; reason: string };

type Best = ReturnType<SimilarityIndex['best']>[number] | undefined;
type Entry = { candidates: Candidate[]; index: SimilarityIndex; best: Map<string, Best> };

/**
 * Kept per set of Xero tables (a lookup), kind and scope: the candidates, their similarity index, and the
 * closest candidate of each name already asked for. A reviewer's steps (suggest, accept, approve, preview,
 * apply) check the same sheet again and again, so each name is matched once while the Xero tables stay the same.
 */
const indexes = new WeakMap<XeroLookup, Map<string, Entry>>();
const REMEMBERED_NAMES = 50_000;

function candidateIndex(kind: MappingKind, lookup: XeroLookup, scope: string | null): Entry {
  let byKind = indexes.get(lookup);
  if (!byKind) {
    byKind = new Map();
    indexes.set(lookup, byKind);
  }
  const key = scope ? `${kind}:${scope}` : kind;
  let entry = byKind.get(key);
  if (!entry) {
    const candidates = mappingKindDefinitions[kind].suggestions.candidates(lookup, scope);
    entry = { candidates, index: new SimilarityIndex(candidates.map((c) => normaliseName(c.name))), best: new Map() };
    byKind.set(key, entry);
  }
  return entry;
}

/**
 * Below this many candidates, matching a name costs less than remembering it (measured on plans of 1,000 new names
 * against the demo's revenue accounts, 2026-11-28: 3.1 against 3.9–4.6 ms a plan; a remembered name is a map entry
 * that lives on, and the collector pays for it).
 */
const REMEMBER_FROM_CANDIDATES = 200;

/** The closest candidate to a name; source systems repeat names, so each distinct name is matched once per set of tables. */
function bestMatch({ index, best: bestOf, candidates }: Entry, name: string): Best {
  if (candidates.length < REMEMBER_FROM_CANDIDATES) return index.best(normaliseName(name), 1)[0];
  if (bestOf.has(name)) return bestOf.get(name);
  if (bestOf.size >= REMEMBERED_NAMES) bestOf.clear();
  const found = index.best(normaliseName(name), 1)[0];
  bestOf.set(name, found);
  return found;
}

/**
 * A suggested Xero target for every row, with a 0–100 confidence: the kind's direct match first (the
 * same code, account number or email: 100), then the closest name (Dice's coefficient on bigrams; at
 * most 95). Deterministic: the same rows and Xero data always give the same suggestions.
 */
export function suggestTargets(kind: MappingKind, rows: readonly MappingRow[], lookup: XeroLookup): Suggestion[] {
  const { suggestions } = mappingKindDefinitions[kind];
  // A sheet's rows fall into a few scopes (an account class, say): each one's candidates are found once per sheet.
  const byScope = new Map<string | null, Entry>();
  const entryOf = (scope: string | null) => {
    let entry = byScope.get(scope);
    if (!entry) {
      entry = candidateIndex(kind, lookup, scope);
      byScope.set(scope, entry);
    }
    return entry;
  };
  return rows.map((row): Suggestion => {
    const entry = entryOf(suggestions.scope?.(row) ?? null);
    const direct = suggestions.direct?.(row, lookup, entry.candidates);
    if (direct) return { row: row.row, ...direct };
    const name = cellText(row.name).trim() || cellText(row.source).trim();
    const best = bestMatch(entry, name);
    if (!best || best.score < 0.3) return { row: row.row, target: null, label: null, confidence: 0, reason: 'nothing similar in Xero' };
    const c = entry.candidates[best.index] as Candidate;
    return { row: row.row, target: c.key, label: c.label, confidence: Math.min(95, Math.round(best.score * 100)), reason: 'similar name' };
  });
}
