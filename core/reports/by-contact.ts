/**
 * A report's rows by contact (its slot in the ledger index) and currency, made on first use: rows are
 * found by slot, then currency, so no key string is built per document; `all` keeps the order they were made in.
 */
export function byContactAndCurrency<T>(currencyOf: (row: T) => string, make: (slot: number, currency: string) => T) {
  const bySlot: T[][] = [];
  const all: T[] = [];
  const rowFor = (slot: number, currency: string): T => {
    let list = bySlot[slot];
    if (!list) {
      list = [];
      bySlot[slot] = list;
    }
    let row = list.length === 1 && currencyOf(list[0] as T) === currency ? (list[0] as T) : list.find((r) => currencyOf(r) === currency);
    if (!row) {
      row = make(slot, currency);
      list.push(row);
      all.push(row);
    }
    return row;
  };
  return { all, rowFor };
}
