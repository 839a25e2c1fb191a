import type { Payment } from '../domain';
import { settleInBase } from './base-amounts';
import type { LedgerIndex } from './index-layout';
import { moveColumns, placeOfSlot, writeAllocation, writePayment } from './index-layout';
import type { Allocation } from './ledger-patch';

/** A run of untouched documents, copied across with their movements: old slots `from…to` go to `at` onwards. */
type Run = { from: number; to: number; at: number; moveFrom: number; shift: number };

export type MovesInput = {
  old: LedgerIndex;
  oldSource: Int32Array;
  count: number;
  /** The touched documents (new slots, in order), each with its payments (places in the payments table). */
  dirty: readonly number[];
  payOf: Map<number, number[]>;
  allocations: readonly Allocation[];
  payments: readonly Payment[];
  offsets: readonly number[];
  /** The untouched documents as runs of old slots, in new-slot order (see `runsOf`). */
  runs: readonly { from: number; to: number; at: number }[];
};

/**
 * The movements of the patched index: each run of untouched documents' movements copied across in one piece
 * (typed arrays by `set`, the others by `slice`), the touched documents' written afresh between them, and every
 * allocation's twin pointed at its new place.
 */
export function movesPatched(input: MovesInput, x: Omit<LedgerIndex, 'moveStart' | keyof ReturnType<typeof moveColumns>>) {
  const { old, dirty, payOf, allocations, count } = input;
  // How many movements each touched document gets, and where they go in a buffer of their own.
  const sizes = new Map(dirty.map((s) => [s, payOf.get(s)?.length ?? 0]));
  for (const { i, cr } of allocations) {
    sizes.set(i, (sizes.get(i) as number) + 1);
    sizes.set(cr, (sizes.get(cr) as number) + 1);
  }
  const moveStart = new Int32Array(count + 1);
  const runs: Run[] = [];
  let cursor = 0;
  let r = 0;
  const bufferAt = new Map<number, number>();
  let buffered = 0;
  const takeRun = (run: MovesInput['runs'][number]) => {
    const moveFrom = old.moveStart[run.from] as number;
    const shift = cursor - moveFrom;
    for (let o = run.from; o <= run.to; o++) moveStart[run.at + o - run.from] = (old.moveStart[o] as number) + shift;
    cursor = (old.moveStart[run.to] as number) + shift;
    runs.push({ ...run, moveFrom, shift });
  };
  for (const s of dirty) {
    while (r < input.runs.length && (input.runs[r] as Run).at < s) takeRun(input.runs[r++] as Run);
    moveStart[s] = cursor;
    bufferAt.set(s, buffered);
    cursor += sizes.get(s) as number;
    buffered += sizes.get(s) as number;
    moveStart[s + 1] = cursor;
  }
  while (r < input.runs.length) takeRun(input.runs[r++] as Run);
  moveStart[count] = cursor;

  // The touched documents' movements, in a buffer laid out document by document.
  const fresh = moveColumns(buffered);
  const freshSource = new Int32Array(buffered);
  const fill = new Map(bufferAt);
  const take = (d: number, source: number) => {
    const at = fill.get(d) as number;
    fill.set(d, at + 1);
    freshSource[at] = source;
    return at;
  };
  for (const s of dirty) for (const j of payOf.get(s) as number[]) writePayment(x, fresh, take(s, j), s, input.payments[j] as Payment);
  for (const { i, cr, a } of allocations) {
    const onInvoice = take(i, placeOfSlot(cr, input.offsets));
    writeAllocation(x, fresh, onInvoice, take(cr, placeOfSlot(i, input.offsets)), i, cr, a);
  }
  return assemble(input, { moveStart, runs, fresh, freshSource, bufferAt, sizes, total: cursor }, x);
}

type Laid = {
  moveStart: Int32Array;
  runs: Run[];
  fresh: ReturnType<typeof moveColumns>;
  freshSource: Int32Array;
  bufferAt: Map<number, number>;
  sizes: Map<number, number>;
  total: number;
};

/** Puts the copied runs and the fresh movements together in slot order. */
function assemble(input: MovesInput, laid: Laid, x: Omit<LedgerIndex, 'moveStart' | keyof ReturnType<typeof moveColumns>>) {
  const { old, oldSource, dirty } = input;
  const { moveStart, runs, fresh, freshSource, bufferAt, sizes, total } = laid;
  type Piece = { kind: 'run'; run: Run } | { kind: 'fresh'; s: number };
  const pieces: Piece[] = [];
  let r = 0;
  for (const s of dirty) {
    while (r < runs.length && (runs[r] as Run).at < s) pieces.push({ kind: 'run', run: runs[r++] as Run });
    pieces.push({ kind: 'fresh', s });
  }
  while (r < runs.length) pieces.push({ kind: 'run', run: runs[r++] as Run });
  const source = new Int32Array(total);
  const typed = { moveAmount: new Float64Array(total), moveBase: new Float64Array(total), moveKind: new Uint8Array(total), moveTwin: new Int32Array(total) };
  const lists = { moveDate: [] as LedgerIndex['moveDate'][], movePartner: [] as string[][], moveReference: [] as (string | null)[][] };
  for (const piece of pieces) {
    const [from, to, at, a, b] =
      piece.kind === 'run'
        ? [old, oldSource, (moveStart[piece.run.at] as number) - 0, piece.run.moveFrom, old.moveStart[piece.run.to] as number as number]
        : [
            fresh,
            freshSource,
            moveStart[piece.s] as number,
            bufferAt.get(piece.s) as number,
            (bufferAt.get(piece.s) as number) + (sizes.get(piece.s) as number),
          ];
    for (const key of ['moveAmount', 'moveBase', 'moveKind', 'moveTwin'] as const) typed[key].set(from[key].subarray(a, b) as never, at);
    source.set(to.subarray(a, b), at);
    lists.moveDate.push(from.moveDate.slice(a, b));
    lists.movePartner.push(from.movePartner.slice(a, b));
    lists.moveReference.push(from.moveReference.slice(a, b));
  }
  // Twins: a copied one moves with its run; a fresh one points into the buffer, so to its document's new place.
  const runStarts = runs.map((run) => run.moveFrom);
  for (const piece of pieces) {
    const lo = piece.kind === 'run' ? (moveStart[piece.run.at] as number) : (moveStart[piece.s] as number);
    const hi = lo + (piece.kind === 'run' ? (old.moveStart[piece.run.to] as number) - piece.run.moveFrom : (sizes.get(piece.s) as number));
    for (let m = lo; m < hi; m++) {
      const twin = typed.moveTwin[m] as number;
      if (twin < 0) continue;
      typed.moveTwin[m] = piece.kind === 'run' ? twin + (runs[lastAtOrBefore(runStarts, twin)] as Run).shift : freshToNew(twin, dirty, bufferAt, moveStart);
    }
  }
  const index: LedgerIndex = {
    ...x,
    moveStart,
    ...typed,
    moveDate: joined(lists.moveDate),
    movePartner: joined(lists.movePartner),
    moveReference: joined(lists.moveReference),
  };
  settleInBase(index, dirty);
  return { index, source };
}

/** The lists one after another (`concat` copies packed arrays in bulk, where `flat` goes element by element). */
function joined<T>(lists: T[][]): T[] {
  return lists.length === 1 ? (lists[0] as T[]) : ([] as T[]).concat(...lists);
}

function lastAtOrBefore(starts: readonly number[], value: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A place in the fresh buffer as a place in the new movements. */
function freshToNew(at: number, dirty: readonly number[], bufferAt: Map<number, number>, moveStart: Int32Array): number {
  const starts = dirty.map((s) => bufferAt.get(s) as number);
  const s = dirty[lastAtOrBefore(starts, at)] as number;
  return (moveStart[s] as number) + at - (bufferAt.get(s) as number);
}
