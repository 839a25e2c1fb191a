import type { ApplyResponse } from '../../core/contract';
import { AppError } from '../errors';
import type { OrganisationSource } from '../sources/source';
import type { AuditEntry, MappingStore } from './store';
import { restoreInXero } from './xero-writes';
import { claimKey, finishBatch, replayOf, startBatch } from './batches';

/** Puts back the before-values of a batch, in the store and in Xero, as a new batch of its own. */
export async function revertBatch(
  store: MappingStore,
  source: OrganisationSource,
  input: { batchId: string; key: string; who: string; now?: () => Date },
): Promise<ApplyResponse> {
  const tenantId = source.organisation.tenantId;
  const now = input.now ?? (() => new Date());
  const original = await store.batch(tenantId, input.batchId);
  if (!original || original.status !== 'done') throw new AppError('not_found', `No applied batch ${input.batchId} in this organisation`);
  const requestHash = `revert:${input.batchId}`;
  const replay = await replayOf(store, tenantId, input.key, requestHash);
  if (replay) return replay;
  if ((await store.history(tenantId)).some((b) => b.reverts === input.batchId && b.changes > 0)) {
    throw new AppError('conflict', `Batch ${input.batchId} was reverted already`);
  }
  const release = await claimKey(store, tenantId, input.key);
  try {
    // The revert may have been finished under this key (on this proxy or another) between the check above and the claim.
    const finished = await replayOf(store, tenantId, input.key, requestHash);
    if (finished) return finished;
    const at = now().toISOString();
    const batchId = await startBatch(store, {
      tenantId,
      kind: original.kind,
      key: input.key,
      requestHash,
      who: input.who,
      at,
      reverts: input.batchId,
      run: null,
    });
    const entries = await store.auditOf(input.batchId);
    const refused = await restoreInXero(source.writes, batchId, entries);
    const { changes, results } = revertedRows(entries, await store.current(tenantId, original.kind), refused);
    return finishBatch(store, { tenantId, kind: original.kind, batchId, who: input.who, at: now().toISOString(), changes, results });
  } finally {
    await release();
  }
}

/**
 * Each entry of the batch put back, or not: where Xero refused to restore what the batch changed there, the row
 * failed with Xero's reason and its mapping stays as it is (the store keeps agreeing with Xero).
 */
function revertedRows(entries: readonly AuditEntry[], current: Awaited<ReturnType<MappingStore['current']>>, refused: ReadonlyMap<number, string>) {
  const results: ApplyResponse['results'] = [];
  const changes: AuditEntry[] = [];
  entries.forEach((e, i) => {
    const row = e.row ?? 0;
    const failure = refused.get(i);
    if (failure) {
      results.push({ row, source: e.sourceCode, result: 'failed', message: `not reverted: ${failure}` });
      return;
    }
    const now = current.get(e.sourceCode.toLowerCase());
    const before = now ? { target: now.target, details: now.details } : null;
    changes.push({ sourceCode: e.sourceCode, row: e.row, before, after: e.before, xeroBefore: e.xeroAfter, xeroAfter: e.xeroBefore });
    const created = (e.xeroAfter as { createdTaxType?: string } | null)?.createdTaxType;
    const kept = created ? `; the tax rate ${created} it created stays in Xero (archive it there if it is not wanted)` : '';
    results.push({ row, source: e.sourceCode, result: 'reverted', message: `${e.before ? `restored ${e.before.target}` : 'mapping removed'}${kept}` });
  });
  return { changes, results };
}
