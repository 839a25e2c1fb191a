import type { CreditNote, Payment } from '../domain';
import { settleInBase } from './base-amounts';
import type { Built, Document, IndexMemory, IndexTables, LedgerIndex } from './index-layout';
import {
  documentColumns,
  KIND_INVOICE,
  idOf,
  moveColumns,
  offsetsOf,
  paymentTarget,
  pushTo,
  slotOf,
  tablesOf,
  writeAllocation,
  writeDocument,
  writePayment,
} from './index-layout';
import { ancestors, changedSince } from './lineage';
import { patchInSteps } from './ledger-patch';

/**
 * A ledger laid out once for reporting (see `./index-layout`), with every movement's amount already converted
 * to base currency as Xero posts it (see `./base-amounts`). Building it is one pass with one id lookup per
 * payment and allocation; every report after that (any as-at date, any period) is arithmetic over arrays.
 * It is kept per ledger (by the identity of its arrays). When the ledger's tables were merged from the ones
 * it was built from (see `./lineage`), it is patched in time with what changed (see `./ledger-patch`).
 */

const cache = new WeakMap<object, Built>();

/** How many indexes were built afresh and how many patched, for the benchmarks and tests. */
export const indexBuilds = { fresh: 0, patched: 0 };

/** Documents, payments or movements laid out between two steps of `indexInSteps` (a few milliseconds' work). */
const STEP = 16_384;

/** The ledger's index, built on first use and reused while the same arrays (of the same lengths) are passed. */
export function ledgerIndex(ledger: IndexTables): LedgerIndex {
  const steps = indexInSteps(ledger);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, built in steps: the generator yields between steps of a few milliseconds, so that a caller can let
 * other work run in between (server/reports/build.ts does, so a first build never holds the event loop long).
 */
export function* indexInSteps(ledger: IndexTables): Generator<void, LedgerIndex> {
  const arrays = [ledger.invoices, ledger.creditNotes, ledger.overpayments, ledger.prepayments, ledger.payments];
  const cached = cache.get(ledger.invoices);
  if (cached && cached.arrays.every((a, i) => a === arrays[i] && a.length === cached.lengths[i])) return cached.index;
  const earlier =
    cached ??
    ancestors(ledger.invoices)
      .map((a) => cache.get(a))
      .find((b) => b !== undefined);
  const patch = yield* patched(earlier, arrays, ledger);
  const built = patch ?? (yield* buildIndex(ledger, arrays));
  indexBuilds[patch ? 'patched' : 'fresh']++;
  cache.set(ledger.invoices, built);
  return built.index;
}

/** The earlier index patched with what changed since, when the ledger's tables descend from its ones. */
function* patched(earlier: Built | undefined, arrays: readonly unknown[][], ledger: IndexTables): Generator<void, Built | null> {
  if (!earlier) return null;
  const changes = arrays.map((a, i) => changedSince(earlier.arrays[i] as unknown[], earlier.lengths[i] as number, a));
  if (changes.some((c) => c === null)) return null;
  const built = yield* patchInSteps(earlier, ledger, arrays, changes as number[][]);
  // The earlier index's memory now serves the patched one: nothing may patch or reuse the earlier one again.
  if (built && earlier.arrays[0] !== arrays[0]) cache.delete(earlier.arrays[0] as object);
  return built;
}

/** Every document in flat arrays, and each one's place by id. */
function* indexDocuments(ledger: IndexTables) {
  const tables = tablesOf(ledger);
  const offsets = offsetsOf(tables.map((t) => t.length));
  const count = offsets[4] as number;
  const x = { ...documentColumns(count), contactIds: [] as string[], contactNames: [] as string[] };
  const memory: IndexMemory = {
    place: new Map(),
    contactSlot: new Map(),
    contactFirst: [],
    moveSource: new Int32Array(0),
    pendingPayments: new Map(),
    pendingAllocations: new Map(),
  };
  const into = x as unknown as LedgerIndex;
  for (let k = 0; k < 4; k++) {
    const table = tables[k] as Document[];
    for (let i = 0; i < table.length; i++) {
      const d = table[i] as Document;
      writeDocument(into, memory, (offsets[k] as number) + i, k, d);
      memory.place.set(idOf(k, d), (i << 2) | k);
      if (i % STEP === STEP - 1) yield;
    }
  }
  return { x, memory, offsets };
}

type Documents = ReturnType<typeof indexDocuments> extends Generator<void, infer D> ? D : never;

/** First pass: each payment's document, each allocation's invoice (-1 where it does not count), and where each document's movements start. */
function* countMoves(ledger: IndexTables, { x, memory, offsets }: Documents) {
  const { count, counts, kind, docs } = x;
  const payments = ledger.payments as Payment[];
  const paymentDoc = new Int32Array(payments.length).fill(-1);
  const moveStart = new Int32Array(count + 1);
  for (let j = 0; j < payments.length; j++) {
    if (j % STEP === STEP - 1) yield;
    const p = payments[j] as Payment;
    if (p.status === 'DELETED') continue;
    const target = paymentTarget(p);
    const place = memory.place.get(target);
    const d = place === undefined ? -1 : slotOf(place, offsets);
    if (d < 0 || counts[d] === 0) {
      pushTo(memory.pendingPayments, target, j);
      continue;
    }
    paymentDoc[j] = d;
    moveStart[d + 1] = (moveStart[d + 1] as number) + 1;
  }
  const allocationTargets: number[] = [];
  for (let cr = ledger.invoices.length; cr < count; cr++) {
    if (counts[cr] === 0) continue;
    for (const a of (docs[cr] as CreditNote).allocations) {
      const place = memory.place.get(a.invoiceId);
      const i = place === undefined ? -1 : slotOf(place, offsets);
      const ok = i >= 0 && kind[i] === KIND_INVOICE && counts[i] === 1;
      allocationTargets.push(ok ? i : -1);
      if (ok) {
        moveStart[i + 1] = (moveStart[i + 1] as number) + 1;
        moveStart[cr + 1] = (moveStart[cr + 1] as number) + 1;
      } else pushTo(memory.pendingAllocations, a.invoiceId, memory.place.get(idOf(kind[cr] as number, docs[cr] as Document)) as number);
    }
  }
  for (let d = 0; d < count; d++) moveStart[d + 1] = (moveStart[d + 1] as number) + (moveStart[d] as number);
  return { payments, paymentDoc, moveStart, allocationTargets };
}

function* buildIndex(ledger: IndexTables, arrays: readonly unknown[][]): Generator<void, Built> {
  const documents = yield* indexDocuments(ledger);
  const { x, memory } = documents;
  const { count, docs, kind, counts } = x;
  const { payments, paymentDoc, moveStart, allocationTargets } = yield* countMoves(ledger, documents);
  yield;

  // Second pass: write each movement straight into its place.
  const m = moveStart[count] as number;
  const fill = moveStart.slice(0, count);
  const moves = moveColumns(m);
  memory.moveSource = new Int32Array(m);
  const take = (d: number, source: number) => {
    const at = fill[d] as number;
    fill[d] = at + 1;
    memory.moveSource[at] = source;
    return at;
  };
  for (let j = 0; j < payments.length; j++) {
    if (j % STEP === STEP - 1) yield;
    const d = paymentDoc[j] as number;
    if (d >= 0) writePayment(x, moves, take(d, j), d, payments[j] as Payment);
  }
  let t = 0;
  for (let cr = ledger.invoices.length; cr < count; cr++) {
    if (counts[cr] === 0) continue;
    const credit = docs[cr] as CreditNote;
    const crPlace = memory.place.get(idOf(kind[cr] as number, credit)) as number;
    for (const a of credit.allocations) {
      const i = allocationTargets[t++] as number;
      if (i < 0) continue;
      const onInvoice = take(i, crPlace);
      const onCredit = take(cr, memory.place.get(a.invoiceId) as number);
      writeAllocation(x, moves, onInvoice, onCredit, i, cr, a);
    }
  }
  yield;
  const index: LedgerIndex = { ...x, moveStart, ...moves };
  settleInBase(index);
  return { index, memory, arrays, lengths: arrays.map((a) => a.length) };
}
