import type { ApplyResponse, PlanResponse } from '../../core/contract';
import { requestParts } from '../../core/mapping/chunks';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import type { ApiClient } from '../api/client';

/**
 * Sheets of any size: rows go to the proxy in parts it takes (core/mapping/chunks.ts keeps rows that must be
 * checked together in one part), with progress after each part and a Cancel that is honoured between parts.
 */
export type Progress = {
  /** Rows done of the total, shown as a bar. */
  step(done: number, total: number): void;
  readonly cancelled: boolean;
};

/** Cancel was pressed: what was done before it stands, and the action says what that was. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

type Part = { api: ApiClient; tenantId: string; kind: MappingKind };

/** The plan of every row, asked in parts; one answer as if one request (the lowest store version of the parts, so a change between parts is a conflict). */
export async function planInParts({ api, tenantId, kind }: Part, rows: readonly MappingRow[], progress: Progress): Promise<PlanResponse> {
  const answer: PlanResponse = { kind, version: Number.MAX_SAFE_INTEGER, totals: { create: 0, update: 0, unchanged: 0, invalid: 0 }, rows: [] };
  let done = 0;
  progress.step(0, rows.length);
  for (const part of requestParts(rows, kind === 'customers')) {
    if (progress.cancelled) throw new Cancelled();
    const a = await api.call('mappingPlan', { tenantId, body: { kind, rows: part } });
    answer.version = Math.min(answer.version, a.version);
    for (const k of ['create', 'update', 'unchanged', 'invalid'] as const) answer.totals[k] += a.totals[k];
    answer.rows.push(...a.rows);
    done += part.length;
    progress.step(done, rows.length);
  }
  return answer;
}

export type AppliedParts = { results: ApplyResponse['results']; batches: string[]; parts: number; partsDone: number; cancelled: boolean };

type ApplyInput = {
  rows: readonly MappingRow[];
  planVersion: number;
  /** Each part's write headers (a new idempotency key each). */
  headers: () => Promise<{ 'idempotency-key': string; 'x-workbook-organisation': string }>;
};

/**
 * Applies every row: one request when the sheet fits in one, else parts named as one run (Undo undoes the run).
 * What was answered is returned even when Cancel stops it or a part fails, so the sheet can say what was written.
 */
export async function applyInParts({ api, tenantId, kind }: Part, input: ApplyInput, progress: Progress): Promise<AppliedParts & { error: unknown }> {
  const parts = requestParts(input.rows, kind === 'customers');
  const run = parts.length > 1 ? `run-${crypto.randomUUID()}` : undefined;
  const out: AppliedParts = { results: [], batches: [], parts: parts.length, partsDone: 0, cancelled: false };
  let done = 0;
  progress.step(0, input.rows.length);
  try {
    for (const part of parts) {
      if (progress.cancelled) {
        out.cancelled = true;
        break;
      }
      const body = { kind, planVersion: input.planVersion, rows: part, ...(run ? { run } : {}) };
      const a = await api.call('mappingApply', { tenantId, headers: await input.headers(), body });
      out.results.push(...a.results);
      if (a.batchId) out.batches.push(a.batchId);
      out.partsDone++;
      done += part.length;
      progress.step(done, input.rows.length);
    }
  } catch (error) {
    return { ...out, error };
  }
  return { ...out, error: null };
}
