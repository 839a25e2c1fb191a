import { cellText } from './rows';
import type { MappingRow } from './rows';

/** The most rows the proxy takes in one plan or apply request (the route table's limit is 10,000). */
export const ROWS_PER_REQUEST = 5_000;

/**
 * A sheet's rows in requests of at most `limit` rows, such that rows the proxy must see together are sent
 * together: rows with the same source code (a duplicate is found within one request) and, with `sameTarget`,
 * rows naming the same Xero target (customers sharing a contact must be confirmed). Related rows form a group
 * (union–find over source codes and targets); groups fill requests in the order of their first row, and each
 * request keeps sheet order. A group larger than a request (thousands of rows naming one target) is split.
 */
export function requestParts<T extends Pick<MappingRow, 'row' | 'source' | 'target'>>(
  rows: readonly T[],
  sameTarget: boolean,
  limit = ROWS_PER_REQUEST,
): T[][] {
  if (rows.length <= limit) return rows.length === 0 ? [] : [[...rows]];
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const firstWith = new Map<string, number>();
  const join = (key: string, i: number) => {
    if (key.length <= 2) return;
    const j = firstWith.get(key);
    if (j === undefined) firstWith.set(key, i);
    else parent[find(i)] = find(j);
  };
  rows.forEach((r, i) => {
    join(`s:${cellText(r.source).trim().toLowerCase()}`, i);
    if (sameTarget) join(`t:${cellText(r.target).trim().toLowerCase()}`, i);
  });
  const groups = new Map<number, T[]>();
  rows.forEach((r, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(r);
    else groups.set(root, [r]);
  });
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const group of groups.values()) {
    if (current.length > 0 && current.length + group.length > limit) {
      chunks.push(current);
      current = [];
    }
    for (const r of group) {
      if (current.length === limit) {
        chunks.push(current);
        current = [];
      }
      current.push(r);
    }
  }
  if (current.length > 0) chunks.push(current);
  for (const c of chunks) c.sort((a, b) => a.row - b.row);
  return chunks;
}
