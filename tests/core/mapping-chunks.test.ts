import { requestParts, ROWS_PER_REQUEST } from '../../core/mapping/chunks';

const row = (n: number, source: string, target = '') => ({ row: n, source, target });

/** Issue 11: sheets larger than one request go in parts, and rows the proxy must check together stay together. */
describe('a sheet in parts the proxy takes', () => {
  it('sends a sheet that fits in one request as one part', () => {
    const rows = Array.from({ length: ROWS_PER_REQUEST }, (_, i) => row(i + 2, `C${i}`));
    expect(requestParts(rows, false)).toEqual([rows]);
    expect(requestParts([], false)).toEqual([]);
  });

  it('keeps rows with the same source code in one part, each part within the limit and in sheet order, every row once', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i + 2, `C${i}`));
    rows[10] = row(12, ' c1 '); // the same code as row 3, differently typed: the duplicate must be seen
    const parts = requestParts(rows, false, 5);
    expect(parts.every((p) => p.length <= 5)).toBe(true);
    expect(
      parts
        .flat()
        .map((r) => r.row)
        .sort((a, b) => a - b),
    ).toEqual(rows.map((r) => r.row));
    const withC1 = parts.find((p) => p.some((r) => r.row === 3))!;
    expect(withC1.map((r) => r.row)).toContain(12);
    for (const p of parts) expect(p.map((r) => r.row)).toEqual([...p.map((r) => r.row)].sort((a, b) => a - b));
  });

  it('keeps customers naming the same contact together, and only when asked', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i + 2, `POS-${i}`, i === 0 || i === 9 ? 'Acme Ltd' : `Contact ${i}`));
    const together = requestParts(rows, true, 4).find((p) => p.some((r) => r.row === 2))!;
    expect(together.map((r) => r.row)).toContain(11);
    const apart = requestParts(rows, false, 4).find((p) => p.some((r) => r.row === 2))!;
    expect(apart.map((r) => r.row)).not.toContain(11);
  });

  it('splits a group larger than one request rather than sending more than the proxy takes', () => {
    const rows = Array.from({ length: 9 }, (_, i) => row(i + 2, 'SAME'));
    const parts = requestParts(rows, false, 4);
    expect(parts.map((p) => p.length)).toEqual([4, 4, 1]);
  });
});
