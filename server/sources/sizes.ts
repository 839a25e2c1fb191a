/**
 * What records take in V8's heap, by its layout on 64-bit Node (compressed pointers off): an object is a header of
 * three words plus a word per field; a string a 16-byte header plus its characters (one byte each when all are
 * Latin-1, else two), rounded up to a word; a number that is not a small integer a 16-byte heap number; an array a
 * header plus a word per element. The ledger cache (./ledger-cache.ts) counts tables by it; `npm run bench` sets
 * the total beside the heap actually used, measured with the collector run before and after.
 */
const WORD = 8;
const align = (n: number) => Math.ceil(n / WORD) * WORD;

function sizeOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      // eslint-disable-next-line no-control-regex
      return align(16 + value.length * (/[^\u0000-\u00ff]/.test(value) ? 2 : 1));
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 16;
    case 'object': {
      if (value === null) return 0;
      if (Array.isArray(value)) return 32 + WORD * value.length + value.reduce((n: number, v) => n + sizeOf(v), 0);
      let n = 3 * WORD;
      for (const v of Object.values(value)) n += WORD + sizeOf(v);
      return n;
    }
    default:
      return 0;
  }
}

/** Records looked at per record counted: one in this many (records of one table are alike). */
const SAMPLE = 16;

/** The heap bytes of a table's records (every SAMPLE-th record measured, the rest counted alike), the array included. */
export function tableBytes(records: readonly unknown[]): number {
  if (records.length === 0) return 32;
  let sampled = 0;
  let bytes = 0;
  for (let i = 0; i < records.length; i += SAMPLE) {
    bytes += sizeOf(records[i]);
    sampled++;
  }
  return 32 + WORD * records.length + Math.round((bytes / sampled) * records.length);
}

/** A map of ids to positions: its table (about four words an entry) and its id strings when they are its own. */
export function positionsBytes(entries: number): number {
  return entries * 4 * WORD;
}

/** The heap bytes of a reports' index: its typed arrays, a word per element of its other arrays, and its id map. */
export function indexBytes(index: object): number {
  let bytes = 0;
  for (const value of Object.values(index)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) bytes += 32 + WORD * value.length;
  }
  const count = (index as { count?: number }).count ?? 0;
  return bytes + positionsBytes(count);
}
