import crypto from 'node:crypto';
import type { ApplyResponse } from '../../core/contract';
import type { MappingKind } from '../../core/mapping/rows';
import { AppError } from '../errors';
import type { AuditEntry, MappingStore } from './store';

/**
 * A batch's idempotency, for applies and reverts alike: the answer already given under a key (a replay),
 * the batch started under it (a crash cut it off: the replay finishes it), or a new one. A key belongs to the
 * request it was first sent with (an apply's kind, plan version and rows; a revert's batch): any other use is refused.
 */
export async function replayOf(store: MappingStore, tenantId: string, key: string, requestHash: string): Promise<ApplyResponse | null> {
  const existing = await store.batchByKey(tenantId, key);
  if (existing && existing.request_hash !== requestHash) {
    throw new AppError('conflict', 'This Idempotency-Key was used for a different request: use a new key for a new batch');
  }
  return existing?.status === 'done' ? { ...(JSON.parse(existing.response ?? '{}') as ApplyResponse), replayed: true } : null;
}

/**
 * Claims a key for the request running now, in this proxy or any other on the same store: the same key sent again
 * while its batch is still being written is refused (409), so a retry never writes the batch twice. Returns the
 * release, to call when the request ends (a proxy that dies holding a claim frees it: the store's lock ends with it).
 */
export async function claimKey(store: MappingStore, tenantId: string, key: string): Promise<() => Promise<void>> {
  const release = await store.claim(tenantId, key);
  if (!release) throw new AppError('conflict', 'This batch is still being written: wait a moment, then send the same request again to get its answer');
  return release;
}

type Start = { tenantId: string; kind: MappingKind; key: string; requestHash: string; who: string; at: string; reverts: string | null; run: string | null };

/** The id of the batch under this key: the one a crash left unfinished, or a new one, recorded as started. */
export async function startBatch(store: MappingStore, start: Start): Promise<string> {
  const existing = await store.batchByKey(start.tenantId, start.key);
  if (existing) return existing.id;
  const id = crypto.randomUUID();
  await store.startBatch({ id, ...start });
  return id;
}

type Finish = { tenantId: string; kind: MappingKind; batchId: string; who: string; at: string; changes: AuditEntry[]; results: ApplyResponse['results'] };

/** Writes the batch's changes and audit in one transaction, and stores its answer for replays. */
export async function finishBatch(store: MappingStore, f: Finish): Promise<ApplyResponse> {
  const { results, ...batch } = f;
  const finished = await store.finishBatch({
    ...batch,
    response: (version): ApplyResponse => ({ batchId: f.batchId, kind: f.kind, version, replayed: false, results }),
  });
  return finished.response as ApplyResponse;
}
