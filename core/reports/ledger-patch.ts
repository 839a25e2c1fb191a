import type { CreditNote, Payment } from '../domain';
import type { Built, Document, IndexMemory, IndexTables, LedgerIndex } from './index-layout';
import { movesPatched } from './patch-moves';
import {
  documentColumns,
  idOf,
  KIND_INVOICE,
  MOVE_ALLOCATION,
  offsetsOf,
  paymentTarget,
  placeOfSlot,
  pushTo,
  slotOf,
  tablesOf,
  writeDocument,
} from './index-layout';

/**
 * Patches a ledger index (see `./ledger-index`) for tables merged from the ones it was built from: only the
 * documents a change touches (the changed documents, the documents of changed payments, and both sides of
 * every allocation between them) are laid out again; every other document and movement is copied across
 * as it was. The result equals a fresh build (tests/core/reports/ledger-patch.test.ts holds them equal).
 */

type Patch = {
  old: Built;
  tables: readonly Document[][];
  oldTables: readonly Document[][];
  payments: readonly Payment[];
  oldPayments: readonly Payment[];
  offsets: number[];
  oldOffsets: number[];
  /** Documents added since, by id, with their places. */
  added: Map<string, number>;
  changes: readonly number[][];
};

/** Beyond this many changed records a fresh build is as quick. */
const limitOf = (count: number) => Math.max(64, count >> 4);

function slotById(p: Patch, id: string): number {
  const place = p.added.get(id) ?? p.old.memory.place.get(id);
  return place === undefined ? -1 : slotOf(place, p.offsets);
}

/** The slot a (new) document had in the old index, or -1 when it is new. */
function oldSlotOf(p: Patch, slot: number): number {
  const place = placeOfSlot(slot, p.offsets);
  return place >> 2 < (p.old.lengths[place & 3] as number) ? slotOf(place, p.oldOffsets) : -1;
}

function recordAt(tables: readonly Document[][], place: number): Document | undefined {
  return tables[place & 3]?.[place >> 2];
}

/**
 * Every document the change touches: the changed ones, those changed payments move (before and after),
 * and, closed over, both sides of every allocation of a touched credit or on a touched invoice. Null when
 * too many to patch, or when a changed document moved to another contact of which it was the first document.
 */
function touched(p: Patch): Set<number> | null {
  const { old } = p;
  const dirty = new Set<number>();
  const queue: number[] = [];
  const mark = (slot: number) => {
    if (slot >= 0 && !dirty.has(slot)) {
      dirty.add(slot);
      queue.push(slot);
    }
  };
  for (let t = 0; t < 4; t++)
    for (const i of p.changes[t] as number[]) {
      const before = i < (old.lengths[t] as number) ? (p.oldTables[t]?.[i] as Document) : undefined;
      const now = p.tables[t]?.[i] as Document;
      if (before && before.contactId !== now.contactId) {
        const slot = old.memory.contactSlot.get(before.contactId) as number;
        if (old.memory.contactFirst[slot] === (p.oldOffsets[t] as number) + i) return null;
      }
      mark((p.offsets[t] as number) + i);
    }
  for (const j of p.changes[4] as number[]) {
    const before = p.oldPayments[j];
    if (j < (old.lengths[4] as number) && before) mark(slotById(p, paymentTarget(before)));
    mark(slotById(p, paymentTarget(p.payments[j] as Payment)));
  }
  const limit = limitOf(old.index.count);
  while (queue.length > 0) {
    if (dirty.size > limit) return null;
    const s = queue.pop() as number;
    const place = placeOfSlot(s, p.offsets);
    const doc = recordAt(p.tables, place) as Document;
    if ((place & 3) === KIND_INVOICE) {
      const o = oldSlotOf(p, s);
      if (o >= 0)
        for (let m = old.index.moveStart[o] as number; m < (old.index.moveStart[o + 1] as number); m++)
          if (old.index.moveKind[m] === MOVE_ALLOCATION) mark(slotOf(old.memory.moveSource[m] as number, p.offsets));
      for (const c of old.memory.pendingAllocations.get(idOf(KIND_INVOICE, doc)) ?? []) mark(slotOf(c, p.offsets));
    } else {
      const before = (place >> 2 < (old.lengths[place & 3] as number) ? recordAt(p.oldTables, place) : undefined) as CreditNote | undefined;
      for (const a of [...(before?.allocations ?? []), ...(doc as CreditNote).allocations]) {
        const i = slotById(p, a.invoiceId);
        if (i >= 0 && placeOfSlot(i, p.offsets) % 4 === KIND_INVOICE) mark(i);
      }
    }
  }
  return dirty;
}

/** A JS array laid out for the new slots: each table's part copied across, room left for what was added. */
function spread<T>(p: Patch, old: readonly T[]): T[] {
  if (p.offsets.every((o, t) => o === p.oldOffsets[t])) return old.slice();
  const parts: T[][] = [];
  for (let t = 0; t < 4; t++) {
    const from = p.oldOffsets[t] as number;
    parts.push(old.slice(from, from + (p.old.lengths[t] as number)));
    parts.push(new Array<T>((p.offsets[t + 1] as number) - (p.offsets[t] as number) - (p.old.lengths[t] as number)).fill(undefined as T));
  }
  return ([] as T[]).concat(...parts);
}

/** The document columns: every document copied across at its new slot, the touched ones written again. */
function documentsPatched(p: Patch, dirty: readonly number[], memory: IndexMemory) {
  const x0 = p.old.index;
  const count = p.offsets[4] as number;
  const typed = documentColumns(0);
  const x = { ...typed, count, contactIds: x0.contactIds.slice(), contactNames: x0.contactNames.slice() };
  for (const key of ['kind', 'side', 'counts', 'total', 'totalBase', 'rate', 'contact'] as const) {
    const column = new (x0[key].constructor as new (n: number) => (typeof x0)[typeof key])(count);
    for (let t = 0; t < 4; t++) {
      const from = p.oldOffsets[t] as number;
      column.set(x0[key].subarray(from, from + (p.old.lengths[t] as number)) as never, p.offsets[t]);
    }
    (x as Record<string, unknown>)[key] = column;
  }
  x.docs = spread(p, x0.docs);
  x.date = spread(p, x0.date);
  x.dueDate = spread(p, x0.dueDate);
  x.currency = spread(p, x0.currency);
  memory.contactFirst = memory.contactFirst.map((s) => slotOf(placeOfSlot(s, p.oldOffsets), p.offsets));
  for (const s of dirty)
    writeDocument(x as unknown as LedgerIndex, memory, s, placeOfSlot(s, p.offsets) & 3, recordAt(p.tables, placeOfSlot(s, p.offsets)) as Document);
  return x;
}

function without(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((v) => v !== value);
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
}

/** The payments on each touched document (by place in the payments table, in order); the others wait in `pendingPayments`. */
function paymentsOf(p: Patch, dirty: readonly number[], x: Pick<LedgerIndex, 'counts' | 'docs' | 'kind'>, memory: IndexMemory) {
  const x0 = p.old.index;
  const changed = new Set(p.changes[4]);
  const payOf = new Map<number, number[]>();
  for (const s of dirty) {
    const list: number[] = [];
    const o = oldSlotOf(p, s);
    if (o >= 0)
      for (let m = x0.moveStart[o] as number; m < (x0.moveStart[o + 1] as number); m++) {
        const j = p.old.memory.moveSource[m] as number;
        if (x0.moveKind[m] !== MOVE_ALLOCATION && !changed.has(j)) list.push(j);
      }
    const id = idOf(x.kind[s] as number, x.docs[s] as Document);
    for (const j of memory.pendingPayments.get(id) ?? []) if (!changed.has(j)) list.push(j);
    memory.pendingPayments.delete(id);
    payOf.set(s, list);
  }
  for (const j of p.changes[4] as number[]) {
    const before = p.oldPayments[j];
    if (j < (p.old.lengths[4] as number) && before) without(memory.pendingPayments, paymentTarget(before), j);
    const payment = p.payments[j] as Payment;
    if (payment.status === 'DELETED') continue;
    const target = paymentTarget(payment);
    const list = payOf.get(slotById(p, target));
    if (list) list.push(j);
    else pushTo(memory.pendingPayments, target, j);
  }
  for (const s of dirty) {
    const list = (payOf.get(s) as number[]).sort((a, b) => a - b);
    if (x.counts[s] === 1) continue;
    for (const j of list) pushTo(memory.pendingPayments, idOf(x.kind[s] as number, x.docs[s] as Document), j);
    payOf.set(s, []);
  }
  return payOf;
}

export type Allocation = { i: number; cr: number; a: CreditNote['allocations'][number] };

/** The allocations of the touched credits, credit by credit; those whose invoice does not count wait in `pendingAllocations`. */
function allocationsOf(p: Patch, dirty: readonly number[], x: Pick<LedgerIndex, 'counts' | 'docs' | 'kind'>, memory: IndexMemory): Allocation[] {
  const out: Allocation[] = [];
  for (const cr of dirty) {
    const place = placeOfSlot(cr, p.offsets);
    if ((place & 3) === KIND_INVOICE) continue;
    const before = (place >> 2 < (p.old.lengths[place & 3] as number) ? recordAt(p.oldTables, place) : undefined) as CreditNote | undefined;
    for (const a of before?.allocations ?? []) without(memory.pendingAllocations, a.invoiceId, place);
    if (x.counts[cr] === 0) continue;
    for (const a of (x.docs[cr] as CreditNote).allocations) {
      const i = slotById(p, a.invoiceId);
      if (i >= 0 && x.kind[i] === KIND_INVOICE && x.counts[i] === 1) out.push({ i, cr, a });
      else pushTo(memory.pendingAllocations, a.invoiceId, place);
    }
  }
  return out;
}

/**
 * Indexes whose memory a patch has taken over (or is taking over, between its steps): they still answer reports (their
 * columns are never changed), but nothing may patch them again; a second patch of one of them builds afresh instead.
 */
const taken = new WeakSet<Built>();

/**
 * The index for the merged tables, or null when a fresh build is the better (or only correct) course. A generator
 * that yields between its steps (each a few tens of milliseconds on a 100,000-invoice ledger), as a fresh build does.
 */
export function* patchInSteps(old: Built, ledger: IndexTables, arrays: readonly unknown[][], changes: readonly number[][]): Generator<void, Built | null> {
  if (taken.has(old)) return null;
  const lengths = arrays.map((a) => a.length);
  const changedCount = changes.reduce((n, c) => n + c.length, 0);
  if (changedCount === 0) {
    // The same memory serves both from now on.
    taken.add(old);
    return { ...old, arrays, lengths };
  }
  if (changedCount > limitOf(old.index.count)) return null;
  const tables = tablesOf(ledger);
  const p: Patch = {
    old,
    tables,
    oldTables: old.arrays.slice(0, 4) as Document[][],
    payments: ledger.payments,
    oldPayments: old.arrays[4] as Payment[],
    offsets: offsetsOf(lengths),
    oldOffsets: offsetsOf(old.lengths),
    added: new Map(),
    changes,
  };
  for (let t = 0; t < 4; t++)
    for (let i = old.lengths[t] as number; i < (lengths[t] as number); i++) p.added.set(idOf(t, tables[t]?.[i] as Document), (i << 2) | t);
  const found = touched(p);
  if (!found) return null;
  yield;
  if (taken.has(old)) return null;
  // From here on the earlier index's memory is taken over (its maps are changed in place, the lists copied).
  taken.add(old);
  const dirty = [...found].sort((a, b) => a - b);
  const memory: IndexMemory = {
    ...old.memory,
    contactFirst: old.memory.contactFirst,
    pendingPayments: new Map([...old.memory.pendingPayments].map(([k, v]) => [k, v.slice()])),
    pendingAllocations: new Map([...old.memory.pendingAllocations].map(([k, v]) => [k, v.slice()])),
  };
  for (const [id, place] of p.added) memory.place.set(id, place);
  const x = documentsPatched(p, dirty, memory);
  yield;
  const payOf = paymentsOf(p, dirty, x, memory);
  const allocations = allocationsOf(p, dirty, x, memory);
  yield;
  const moves = { old: old.index, oldSource: old.memory.moveSource, count: p.offsets[4] as number, dirty, payOf, allocations };
  const { index, source } = movesPatched({ ...moves, payments: p.payments, offsets: p.offsets, runs: runsOf(p, dirty) }, x);
  memory.moveSource = source;
  return { index, memory, arrays, lengths };
}

/** The untouched documents as runs of consecutive old slots (`from…to`, to exclusive) and where each run now starts. */
function runsOf(p: Patch, dirty: readonly number[]): { from: number; to: number; at: number }[] {
  const runs: { from: number; to: number; at: number }[] = [];
  let d = 0;
  for (let t = 0; t < 4; t++) {
    const at = p.offsets[t] as number;
    const from = p.oldOffsets[t] as number;
    const end = at + (p.old.lengths[t] as number);
    let start = at;
    while (d < dirty.length && (dirty[d] as number) < end) {
      const s = dirty[d++] as number;
      if (s > start) runs.push({ from: from + start - at, to: from + s - at, at: start });
      start = s + 1;
    }
    if (end > start) runs.push({ from: from + start - at, to: from + end - at, at: start });
    while (d < dirty.length && (dirty[d] as number) < (p.offsets[t + 1] as number)) d++;
  }
  return runs;
}
