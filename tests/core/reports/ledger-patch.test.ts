import seedrandom from 'seedrandom';
import { defaultAgeingOptions } from '../../../core/contract/reports';
import { addDays, isoDate } from '../../../core/dates';
import type { CreditNote, Invoice, Ledger, Overpayment, Payment } from '../../../core/domain';
import { cents } from '../../../core/money';
import { accountSummary } from '../../../core/reports/account-summary';
import { ageingReport } from '../../../core/reports/ageing';
import { indexBuilds, indexInSteps } from '../../../core/reports/ledger-index';
import { mergeById } from '../../../core/reports/lineage';
import { fxLedger } from './fx-ledger';

/**
 * A refresh that brings a few changed records patches the reports' ledger index instead of building it again
 * (core/reports/ledger-patch.ts). Whatever changed, every report from the patched index must equal the same
 * report from an index built afresh: ageing both sides, in base and document currency, at several dates, with
 * every line, and the account summaries.
 */
type Tables = Pick<Ledger, 'organisation' | 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments'>;
type Table = 'invoices' | 'creditNotes' | 'overpayments' | 'prepayments' | 'payments';

const ID: Record<Table, string> = {
  invoices: 'invoiceId',
  creditNotes: 'creditNoteId',
  overpayments: 'creditId',
  prepayments: 'creditId',
  payments: 'paymentId',
};

function positionsOf(records: readonly object[], field: string): Map<string, number> {
  return new Map(records.map((r, i) => [String((r as Record<string, unknown>)[field]), i]));
}

/** Every report the pane builds, from these tables. */
function reports(l: Tables) {
  const out: unknown[] = [];
  for (const asAt of ['2025-03-31', '2025-09-30', '2026-06-30', '2027-12-31'])
    for (const side of ['receivables', 'payables'] as const)
      for (const currency of ['base', 'document'] as const)
        out.push(ageingReport(l, { ...defaultAgeingOptions(isoDate(asAt)), side, currency, includeUnappliedCredits: true, detail: 'invoices', basis: 'due' }));
  for (const side of ['receivables', 'payables'] as const)
    for (const currency of ['base', 'document'] as const)
      out.push(accountSummary(l, { side, from: isoDate('2025-06-01'), to: isoDate('2026-12-31'), contactIds: null, currency }));
  return out;
}

/** The same records in new arrays that descend from nothing: their index is built afresh. */
const fresh = (l: Tables): Tables => ({
  ...l,
  invoices: [...l.invoices],
  creditNotes: [...l.creditNotes],
  overpayments: [...l.overpayments],
  prepayments: [...l.prepayments],
  payments: [...l.payments],
});

/** A refresh's worth of random changes, as Xero would send them: whole records, changed or new. */
function changesOf(rng: () => number, l: Tables, step: number): Partial<Record<Table, object[]>> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const amount = () => cents(1_00 + Math.floor(rng() * 3_000_00));
  const out: Partial<Record<Table, object[]>> = {};
  const add = (t: Table, r: object) => (out[t] ??= []).push(r);
  for (let n = 0; n < 1 + Math.floor(rng() * 6); n++) {
    const what = Math.floor(rng() * 11);
    const invoice = pick(l.invoices);
    const credit = pick(l.creditNotes);
    const payment = pick(l.payments);
    const id = `new-${step}-${n}`;
    if (what === 0) add('invoices', { ...invoice, total: cents(invoice.total + 1_00), reference: 'changed' });
    else if (what === 1) add('invoices', { ...invoice, status: pick(['VOIDED', 'AUTHORISED', 'PAID', 'DRAFT', 'DELETED']) });
    else if (what === 2)
      add('invoices', { ...invoice, date: addDays(invoice.date, 40), number: `${invoice.number}-R`, contactName: `${invoice.contactName} (renamed)` });
    else if (what === 3)
      add('invoices', { ...invoice, invoiceId: id, number: id, contactId: pick(['c3', 'c-new']), contactName: 'New Name' } satisfies Invoice);
    else if (what === 4) add('payments', { ...payment, paymentId: id, invoiceId: invoice.invoiceId, creditNoteId: null, amount: amount() } satisfies Payment);
    else if (what === 5) add('payments', { ...payment, status: pick(['DELETED', 'AUTHORISED']), amount: amount() });
    else if (what === 6) add('payments', { ...payment, invoiceId: `later-${step}`, creditNoteId: null, paymentId: id });
    else if (what === 7) add('invoices', { ...invoice, invoiceId: `later-${Math.max(0, step - 1)}`, number: 'LATER', status: 'AUTHORISED' });
    else if (what === 8) {
      const allocations = [...credit.allocations.slice(1), { invoiceId: pick(l.invoices).invoiceId, amount: amount(), date: addDays(credit.date, 3) }];
      add('creditNotes', { ...credit, allocations, status: pick(['AUTHORISED', 'PAID', 'VOIDED']) } satisfies CreditNote);
    } else if (what === 9)
      add('creditNotes', { ...credit, creditNoteId: id, number: id, allocations: [{ invoiceId: `later-${step}`, amount: amount(), date: credit.date }] });
    else
      add('overpayments', { ...(pick(l.overpayments) as Overpayment), allocations: [{ invoiceId: invoice.invoiceId, amount: amount(), date: invoice.date }] });
  }
  return out;
}

describe('the ledger index, patched for what changed', () => {
  it('gives every report exactly as an index built afresh does, over 40 refreshes of random changes', () => {
    const rng = seedrandom('patch');
    let l: Tables = fxLedger('patch', 500).ledger;
    const positions = Object.fromEntries((Object.keys(ID) as Table[]).map((t) => [t, positionsOf(l[t], ID[t])])) as Record<Table, Map<string, number>>;
    reports(l);
    const before = indexBuilds.patched;
    for (let step = 0; step < 40; step++) {
      const changes = changesOf(rng, l, step);
      const next = { ...l };
      for (const [t, records] of Object.entries(changes) as [Table, object[]][])
        (next as Record<Table, unknown>)[t] = mergeById(l[t] as object[], positions[t], records, (r) => String((r as Record<string, unknown>)[ID[t]]));
      l = next;
      expect(reports(l)).toEqual(reports(fresh(l)));
    }
    // Each refresh was patched (none built afresh), so the equality above is the patch's.
    expect(indexBuilds.patched - before).toBe(40);
  });

  it('patches from an index some refreshes back, when no report was built in between', () => {
    const rng = seedrandom('skip');
    let l: Tables = fxLedger('skip', 300).ledger;
    const positions = Object.fromEntries((Object.keys(ID) as Table[]).map((t) => [t, positionsOf(l[t], ID[t])])) as Record<Table, Map<string, number>>;
    reports(l);
    for (let step = 0; step < 5; step++) {
      const next = { ...l };
      for (const [t, records] of Object.entries(changesOf(rng, l, step)) as [Table, object[]][])
        (next as Record<Table, unknown>)[t] = mergeById(l[t] as object[], positions[t], records, (r) => String((r as Record<string, unknown>)[ID[t]]));
      l = next;
    }
    const before = indexBuilds.patched;
    expect(reports(l)).toEqual(reports(fresh(l)));
    expect(indexBuilds.patched - before).toBe(1);
  });

  it('patches in steps; a second patch of the same index meanwhile builds afresh, and reports of every ledger stay right', () => {
    const rng = seedrandom('steps');
    const l0: Tables = fxLedger('steps', 400).ledger;
    const positions = Object.fromEntries((Object.keys(ID) as Table[]).map((t) => [t, positionsOf(l0[t], ID[t])])) as Record<Table, Map<string, number>>;
    const before0 = reports(l0);
    const merged = (step: number): Tables => {
      const next = { ...l0 };
      // Enough changes for both tables of documents and payments, so that every step of the patch has work.
      for (let n = 0; n < 3; n++)
        for (const [t, records] of Object.entries(changesOf(rng, l0, step * 10 + n)) as [Table, object[]][])
          (next as Record<Table, unknown>)[t] = mergeById(next[t] as object[], new Map(positions[t]), records, (r) =>
            String((r as Record<string, unknown>)[ID[t]]),
          );
      return next;
    };
    const a = merged(1);
    const b = merged(2);
    const { patched, fresh: built } = indexBuilds;
    const stepsOfA = indexInSteps(a);
    // Two steps in: the patch has taken the earlier index's memory over, and yields to whatever else runs.
    expect(stepsOfA.next().done).toBe(false);
    expect(stepsOfA.next().done).toBe(false);
    expect(reports(b)).toEqual(reports(fresh(b)));
    expect(reports(l0)).toEqual(before0);
    let step = stepsOfA.next();
    while (!step.done) step = stepsOfA.next();
    expect(reports(a)).toEqual(reports(fresh(a)));
    // a was patched; b, whose earlier index a's patch held, was built afresh (as were the fresh copies).
    expect(indexBuilds.patched - patched).toBe(1);
    expect(indexBuilds.fresh - built).toBe(1 + 2);
  });
});
