import { LRUCache } from 'lru-cache';

/** One organisation's tables as a source keeps them, each with what it takes in the heap. */
type Held = { tables: Map<string, { value: unknown; bytes: number }>; bytes: number };

/**
 * The organisations' tables (and what is built from them) that the proxy keeps in memory, within a byte budget
 * (`LEDGER_CACHE_MB`): when a table is kept and the total goes over, the organisations used least recently are
 * dropped, all their tables at once, and read again from the store when next used. An organisation larger than the
 * whole budget is not kept at all (each request reads it again). Sizes come from ./sizes.ts.
 */
export class LedgerCache {
  private readonly lru: LRUCache<string, Held>;
  readonly budgetBytes: number;
  /** How many times an organisation was dropped to stay within the budget. */
  evictions = 0;

  constructor(budgetMb: number) {
    this.budgetBytes = Math.max(1, Math.floor(budgetMb * 2 ** 20));
    this.lru = new LRUCache<string, Held>({
      maxSize: this.budgetBytes,
      sizeCalculation: (held) => Math.max(1, Math.ceil(held.bytes)),
      dispose: (_held, _key, reason) => {
        if (reason === 'evict') this.evictions++;
      },
    });
  }

  /** A table the organisation keeps (and the organisation marked as used now), or undefined. */
  get<T>(organisation: string, table: string): T | undefined {
    return this.lru.get(organisation)?.tables.get(table)?.value as T | undefined;
  }

  /** Keeps (or replaces) a table of the organisation; others may be dropped to make room. */
  put(organisation: string, table: string, value: unknown, bytes: number): void {
    const held = this.lru.get(organisation);
    const tables = held?.tables ?? new Map<string, { value: unknown; bytes: number }>();
    const before = tables.get(table)?.bytes ?? 0;
    tables.set(table, { value, bytes });
    // A new entry (lru-cache counts a size only when the value changes): the least recently used others are dropped to fit it.
    const next = { tables, bytes: (held?.bytes ?? 0) + bytes - before };
    this.lru.set(organisation, next, { size: Math.max(1, Math.ceil(next.bytes)) });
  }

  /** What the kept organisations take, in bytes. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get organisations(): number {
    return this.lru.size;
  }
}
