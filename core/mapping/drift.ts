import { checkRows } from './checks';
import { mappingKindDefinitions } from './kinds';
import type { MappingKind, MappingRow } from './rows';
import type { XeroLookup } from './xero-data';

export type StoredMappingLike = { kind: MappingKind; source: string; target: string; details: Record<string, string> };
export type Drift = { kind: MappingKind; source: string; target: string; problem: string };

/**
 * Stored mappings checked again against Xero as it is now: a target archived, deleted or of another
 * type than the mapping needs is drift, to show before the next sync fails on it.
 */
export function mappingDrift(mappings: readonly StoredMappingLike[], lookup: XeroLookup): Drift[] {
  const drift: Drift[] = [];
  const byKind = new Map<MappingKind, StoredMappingLike[]>();
  for (const m of mappings) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  for (const [kind, list] of byKind) {
    const rows: MappingRow[] = list.map((m, i) => ({
      row: i + 1,
      source: m.source,
      target: m.target,
      status: 'Approved',
      confirmShared: true,
      ...mappingKindDefinitions[kind].fromStored(m.details),
    }));
    const { problems } = checkRows(kind, rows, lookup);
    for (const p of problems) {
      if (p.severity !== 'error') continue;
      const m = list[p.row - 1] as StoredMappingLike;
      drift.push({ kind, source: m.source, target: m.target, problem: p.message.replace(/^Row \d+, /, '') });
    }
  }
  return drift;
}
