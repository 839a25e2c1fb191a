import type { ApplyResponse } from '../../core/contract';
import { AppError } from '../errors';
import type { OrganisationSource } from '../sources/source';
import type { AuditEntry, MappingStore } from './store';
import { restoreInXero } from './xero-writes';
import { finishBatch, replayOf, startBatch } from './batches';

/** Puts back the before-values of a batch, in the store and in Xero, as a new batch of its own. */
export async function revertBatch(
  store: MappingStore,
  source: OrganisationSource,
  input: { batchId: string; key: string; who: string; now?: () => Date },
): Promise<ApplyResponse> {
  const tenantId = source.organisation.tenantId;
  const now = input.now ?? (() => new Date());
  const original = store.batch(tenantId, input.batchId);
  if (!original || original.status !== 'done') throw new AppError('not_found', `No applied batch ${input.batchId} in this organisation`);
  const replay = replayOf(store, tenantId, input.key, null);
  if (replay) return replay;
  if (store.history(tenantId).some((b) => b.reverts === input.batchId)) throw new AppError('conflict', `Batch ${input.batchId} was reverted already`);
  const at = now().toISOString();
  const batchId = startBatch(store, {
    tenantId,
    kind: original.kind,
    key: input.key,
    requestHash: `revert:${input.batchId}`,
    who: input.who,
    at,
    reverts: input.batchId,
  });

  const entries = store.auditOf(input.batchId);
  const current = store.current(tenantId, original.kind);
  await restoreInXero(source.writes, batchId, entries);
  const results: ApplyResponse['results'] = [];
  const changes: AuditEntry[] = [];
  for (const e of entries) {
    const now_ = current.get(e.sourceCode.toLowerCase());
    changes.push({
      sourceCode: e.sourceCode,
      row: e.row,
      before: now_ ? { target: now_.target, details: now_.details } : null,
      after: e.before,
      xeroBefore: e.xeroAfter,
      xeroAfter: e.xeroBefore,
    });
    const created = (e.xeroAfter as { createdTaxType?: string } | null)?.createdTaxType;
    const kept = created ? `; the tax rate ${created} it created stays in Xero (archive it there if it is not wanted)` : '';
    results.push({ row: e.row ?? 0, result: 'written', message: `${e.before ? `restored ${e.before.target}` : 'mapping removed'}${kept}` });
  }
  return finishBatch(store, { tenantId, kind: original.kind, batchId, who: input.who, at: now().toISOString(), changes, results });
}
