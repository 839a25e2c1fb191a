import type { IsoDate } from '../dates';

/**
 * Base-currency amounts as Xero posts them. A document in a foreign currency is posted at its own rate
 * (its total, and each payment, refund or allocation on it, converted and rounded half away from zero).
 * The movement that settles the document in its own currency clears what is left of it in base, so a
 * settled document leaves nothing on the contact: the rounding and rate differences are realised
 * currency gains or losses, which Xero posts to its currency-gains account, never to the contact.
 */
type Movements = {
  count: number;
  rate: Float64Array;
  total: Float64Array;
  totalBase: Float64Array;
  moveStart: Int32Array;
  moveDate: IsoDate[];
  moveAmount: Float64Array;
  moveBase: Float64Array;
};

/** Makes each foreign-currency document's (or each of `documents`') settling movement take the remainder of its base total. */
export function settleInBase(x: Movements, documents?: readonly number[]): void {
  const count = documents ? documents.length : x.count;
  for (let n = 0; n < count; n++) {
    const d = documents ? (documents[n] as number) : n;
    if (x.rate[d] === 1) continue;
    const start = x.moveStart[d] as number;
    const end = x.moveStart[d + 1] as number;
    if (end === start) continue;
    const order = end - start === 1 ? [start] : dateOrder(x.moveDate, start, end);
    const total = x.total[d] as number;
    let settled = 0;
    let settledBase = 0;
    for (const m of order) {
      settled += x.moveAmount[m] as number;
      if (settled === total) x.moveBase[m] = (x.totalBase[d] as number) - settledBase;
      settledBase += x.moveBase[m] as number;
    }
  }
}

/** The movements start…end−1 in date order (ties in the order they were recorded). */
function dateOrder(dates: readonly IsoDate[], start: number, end: number): number[] {
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  return order.sort((a, b) => ((dates[a] as IsoDate) < (dates[b] as IsoDate) ? -1 : (dates[a] as IsoDate) > (dates[b] as IsoDate) ? 1 : a - b));
}
