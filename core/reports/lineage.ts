/**
 * Which table a table was merged from, and at which positions it differs: a merge copies the table, replaces
 * the records that changed in their places and adds new ones at the end (see server/sources/xero.ts). Reports
 * use it to patch what they built from the earlier table in time with what changed.
 */
type Merge = { previous: readonly unknown[]; positions: readonly number[] };

const merges = new WeakMap<object, Merge>();

/**
 * How many merges back a table is still patched from; beyond that it is built again. Each step keeps its earlier
 * table alive, so the chain is cut there.
 */
const MAX_DEPTH = 8;

/** Records that `next` is `previous` with the records at `positions` replaced or added (at the end). */
function recordMerge(previous: readonly unknown[], next: readonly unknown[], positions: readonly number[]): void {
  merges.set(next, { previous, positions });
  let at: readonly unknown[] = previous;
  for (let depth = 1; depth < MAX_DEPTH; depth++) {
    const m = merges.get(at);
    if (!m) return;
    at = m.previous;
  }
  merges.delete(at);
}

/** The tables `table` was merged from, newest first. */
export function ancestors(table: readonly unknown[]): (readonly unknown[])[] {
  const out: (readonly unknown[])[] = [];
  for (let m = merges.get(table); m && out.length < MAX_DEPTH; m = merges.get(m.previous)) out.push(m.previous);
  return out;
}

/**
 * The positions at which `to` differs from `from` (which had `fromLength` records when it was used), in order;
 * null when `to` does not descend from `from` by merges, or `from` has changed length since.
 */
export function changedSince(from: readonly unknown[], fromLength: number, to: readonly unknown[]): number[] | null {
  if (from.length !== fromLength) return null;
  const changed = new Set<number>();
  let at = to;
  for (let depth = 0; at !== from; depth++) {
    const m = merges.get(at);
    if (!m || depth >= MAX_DEPTH) return null;
    for (const p of m.positions) changed.add(p);
    at = m.previous;
  }
  return [...changed].sort((a, b) => a - b);
}

/**
 * Changed records merged into a table by id: a record it had takes its place, a new one goes at the end. The result
 * is a new frozen array (the unchanged records are the same objects), recorded as merged from `table`; `positions`
 * (id → place in `table`) is updated in place for the result.
 */
export function mergeById<T>(table: readonly T[], positions: Map<string, number>, changed: readonly T[], idOf: (record: T) => string): readonly T[] {
  const records = table.slice();
  const at: number[] = [];
  for (const r of changed) {
    const id = idOf(r);
    let p = positions.get(id);
    if (p === undefined) {
      p = records.length;
      positions.set(id, p);
      records.push(r);
    } else records[p] = r;
    at.push(p);
  }
  const merged = Object.freeze(records);
  recordMerge(table, merged, at);
  return merged;
}
