/**
 * Name similarity for suggestions: the Sørensen–Dice coefficient on character bigrams (the measure of
 * the `string-similarity` package: whitespace dropped, bigrams counted as a multiset), computed through
 * an inverted index of bigrams so that 10,000 names can be matched against 5,000 in a fraction of a second.
 */

const SUFFIXES = new Set(['pty', 'ltd', 'limited', 'inc', 'llc', 'co', 'company', 'corp', 'plc', 'the']);

/** Lower case, accents and other combining marks and punctuation gone, '&' read as 'and', company suffixes dropped. */
export function normaliseName(text: string): string {
  const words: string[] = [];
  const keep = (word: string) => {
    if (word && !SUFFIXES.has(word)) words.push(word);
  };
  if (!asciiWords(text, keep)) {
    for (const word of text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .split(/[^\p{L}\p{N}]+/u))
      keep(word);
  }
  return words.join(' ');
}

/**
 * The words of a plain-ASCII name in one pass (most names are: nothing to decompose, letters and digits are a-z
 * and 0-9), handed to `keep` in order; false, having handed over nothing, when the name is not plain ASCII.
 */
function asciiWords(text: string, keep: (word: string) => void): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0x20;
    const wordChar = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (wordChar) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) keep(lower.slice(start, i));
    start = -1;
    if (c === 0x26) keep('and'); // '&'
  }
  return true;
}

function bigramCounts(text: string): Map<string, number> {
  const s = text.replace(/\s+/g, '');
  const counts = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return counts;
}

/**
 * The bigrams of a text without whitespace, each as one number (its two UTF-16 code units, as string-similarity
 * takes them), sorted so that equal bigrams sit together: no strings or maps made per query.
 */
function bigramCodes(s: string): Int32Array {
  const n = s.length - 1;
  if (n < 1) return new Int32Array(0);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
  return codes.sort();
}

/** Calls `visit(bigram, count)` once per distinct bigram of sorted codes. */
function eachRun(codes: Int32Array, visit: (code: number, count: number) => void): void {
  for (let i = 0; i < codes.length;) {
    const code = codes[i] as number;
    let j = i + 1;
    while (j < codes.length && codes[j] === code) j++;
    visit(code, j - i);
    i = j;
  }
}

/** Dice's coefficient of two texts as they are (no normalising): 1 for equal, 0 for nothing shared. */
export function dice(a: string, b: string): number {
  const x = a.replace(/\s+/g, '');
  const y = b.replace(/\s+/g, '');
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const counts = bigramCounts(x);
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const bigram = y.slice(i, i + 2);
    const n = counts.get(bigram) ?? 0;
    if (n > 0) {
      counts.set(bigram, n - 1);
      shared++;
    }
  }
  return (2 * shared) / (x.length + y.length - 2);
}

export type Match = { index: number; score: number };

/** An index of candidate names (already normalised) for finding the most similar ones to a query. */
export class SimilarityIndex {
  /** Bigram (as a number, see bigramCodes) → the candidates that have it, and how often each has it. */
  private readonly postings = new Map<number, { ids: Int32Array; counts: Int32Array }>();
  private readonly sizes: Int32Array;
  private readonly texts: string[];
  private readonly exact = new Map<string, number>();
  private readonly shared: Int32Array;
  private readonly touched: Int32Array;

  constructor(names: readonly string[]) {
    this.texts = names.map((n) => n.replace(/\s+/g, ''));
    this.sizes = new Int32Array(names.length);
    this.shared = new Int32Array(names.length);
    this.touched = new Int32Array(names.length);
    const lists = new Map<number, { ids: number[]; counts: number[] }>();
    this.texts.forEach((text, i) => {
      if (!this.exact.has(text)) this.exact.set(text, i);
      this.sizes[i] = Math.max(0, text.length - 1);
      eachRun(bigramCodes(text), (b, n) => {
        let list = lists.get(b);
        if (!list) {
          list = { ids: [], counts: [] };
          lists.set(b, list);
        }
        list.ids.push(i);
        list.counts.push(n);
      });
    });
    for (const [b, list] of lists) this.postings.set(b, { ids: Int32Array.from(list.ids), counts: Int32Array.from(list.counts) });
  }

  /** The query's bigram codes, sorted, in a buffer kept between queries (grown when a query is longer). */
  private scratch = new Int32Array(64);

  private queryCodes(text: string): number {
    const n = text.length - 1;
    if (n > this.scratch.length) this.scratch = new Int32Array(n * 2);
    const codes = this.scratch;
    // Insertion sort: a name's few dozen bigrams sort faster so than through a typed array's sort call.
    for (let i = 0; i < n; i++) {
      const code = (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);
      let at = i;
      while (at > 0 && (codes[at - 1] as number) > code) {
        codes[at] = codes[at - 1] as number;
        at--;
      }
      codes[at] = code;
    }
    return n;
  }

  /** The best `limit` candidates by Dice score, highest first, ties by position (deterministic). */
  best(query: string, limit = 3): Match[] {
    const text = /\s/.test(query) ? query.replace(/\s+/g, '') : query;
    const same = this.exact.get(text);
    if (same !== undefined && limit === 1) return [{ index: same, score: 1 }];
    const size = text.length - 1;
    if (size < 1) return [];
    let touchedCount = 0;
    const shared = this.shared;
    const touched = this.touched;
    const count = this.queryCodes(text);
    const codes = this.scratch;
    for (let q = 0; q < count;) {
      const b = codes[q] as number;
      let end = q + 1;
      while (end < count && codes[end] === b) end++;
      const qn = end - q;
      q = end;
      const list = this.postings.get(b);
      if (!list) continue;
      const { ids, counts } = list;
      for (let p = 0; p < ids.length; p++) {
        const i = ids[p] as number;
        const n = counts[p] as number;
        const s = shared[i] as number;
        if (s === 0) touched[touchedCount++] = i;
        shared[i] = s + (qn < n ? qn : n);
      }
    }
    // Keep the best `limit` in a small sorted list while scanning: no per-query sort of every candidate.
    const top: Match[] = [];
    let floor = -1;
    for (let t = 0; t < touchedCount; t++) {
      const i = touched[t] as number;
      const score = (2 * (shared[i] as number)) / (size + (this.sizes[i] as number));
      shared[i] = 0;
      if (score < floor) continue;
      const exactScore = score >= 1 || this.texts[i] === text ? 1 : score;
      if (top.length === limit) {
        const last = top[limit - 1] as Match;
        if (exactScore < last.score || (exactScore === last.score && i > last.index)) continue;
        top.pop();
      }
      let at = top.length;
      while (at > 0 && ((top[at - 1] as Match).score < exactScore || ((top[at - 1] as Match).score === exactScore && (top[at - 1] as Match).index > i))) at--;
      top.splice(at, 0, { index: i, score: exactScore });
      if (top.length === limit) floor = (top[limit - 1] as Match).score;
    }
    return top;
  }
}
