import fc from 'fast-check';
import { compareTwoStrings } from 'string-similarity';
import { dice, normaliseName, SimilarityIndex } from '../../core/mapping/similarity';

describe('name similarity (Sørensen–Dice on bigrams)', () => {
  const names = [
    'harbour cellars',
    'coastal wine bar',
    'summit bistro',
    'blue gum hotel',
    'ironbark events',
    'wattle providores',
    'a',
    'ab',
    'müller bäckerei',
    '日本酒 バー',
    'café 🍷 bar',
    'aaaa',
  ];
  const queries = [
    'harbor cellar',
    'coastal winebar',
    'summit',
    'bluegum hotels',
    'iron bark event',
    'wattle',
    'b',
    'ab',
    'zz',
    'muller backerei',
    'müller',
    '日本酒',
    'café 🍷',
    'aaa',
    'aa aa aa',
  ];

  it('gives the same score as the string-similarity package', () => {
    for (const q of queries) for (const n of names) expect(dice(q, n)).toBeCloseTo(compareTwoStrings(q, n), 12);
  });

  it('finds the same best matches through its index as comparing every pair', () => {
    const index = new SimilarityIndex(names);
    for (const q of queries) {
      const brute = names
        .map((n, i) => ({ index: i, score: compareTwoStrings(q, n) }))
        .filter((m) => m.score > 0)
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .slice(0, 3);
      const found = index.best(q, 3);
      expect(found.map((m) => m.index)).toEqual(brute.map((m) => m.index));
      found.forEach((m, i) => expect(m.score).toBeCloseTo(brute[i]!.score, 12));
    }
  });

  it('finds exactly the best match of comparing every pair, on many generated names', () => {
    const words = ['harbour', 'coastal', 'summit', 'wine', 'bar', 'cellars', 'bistro', 'hotel', 'events', 'kitchen', 'deli', 'trading'];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const make = () =>
      Array.from({ length: 2 + Math.floor(rand() * 2) }, () => words[Math.floor(rand() * words.length)]).join(' ') +
      (rand() < 0.5 ? ` ${Math.floor(rand() * 500)}` : '');
    const pool = Array.from({ length: 600 }, make);
    const index = new SimilarityIndex(pool);
    for (let q = 0; q < 300; q++) {
      const query = make();
      let best = { index: -1, score: 0 };
      pool.forEach((n, i) => {
        const score = compareTwoStrings(query, n);
        if (score > best.score) best = { index: i, score };
      });
      const found = index.best(query, 1)[0];
      if (best.index < 0) expect(found).toBeUndefined();
      else expect(found?.score).toBeCloseTo(best.score, 12);
    }
  });

  it('normalises any text as the plain rules say: marks and punctuation gone, & as and, suffixes dropped', () => {
    const suffixes = new Set(['pty', 'ltd', 'limited', 'inc', 'llc', 'co', 'company', 'corp', 'plc', 'the']);
    const byTheRules = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/&/g, ' and ')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
        .split(' ')
        .filter((w) => w && !suffixes.has(w))
        .join(' ');
    const nameLike = fc
      .array(
        fc.constantFrom(
          'Pty',
          'LTD',
          'co.',
          '&',
          ' ',
          '-',
          '#',
          "'",
          'Harbour',
          'VINE',
          'wine',
          '42',
          'x',
          '(',
          ')',
          '=',
          '@',
          '\t',
          'é',
          'ß',
          'Ø',
          '日本',
          'バー',
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(nameLike, fc.string(), fc.string({ unit: 'binary' })), (text) => normaliseName(text) === byTheRules(text)),
      { numRuns: 2000 },
    );
  });

  it('normalises names as a bookkeeper reads them', () => {
    expect(normaliseName('  The Harbour & Vine Wines Pty. Ltd ')).toBe('harbour and vine wines');
    expect(normaliseName('Café Société')).toBe('cafe societe');
    expect(normaliseName('=HYPERLINK Cellars & Co')).toBe('hyperlink cellars and');
    expect(normaliseName('Bottle-O #42 (Nth) - Pty Ltd')).toBe('bottle o 42 nth');
    expect(normaliseName('Müller & Söhne GmbH')).toBe('muller and sohne gmbh');
    // Combining marks go as accents do (バ is ハ with a mark once decomposed): the word stays one word.
    expect(normaliseName('日本酒バー Co.')).toBe('日本酒ハー');
  });
});
