import crypto from 'node:crypto';
import type { ApplyResponse } from '../../core/contract';
import { mappingKindDefinitions } from '../../core/mapping/kinds';
import type { MappingKind } from '../../core/mapping/rows';
import type { XeroWrite } from '../../core/mapping/writes';
import { AppError } from '../errors';
import type { OrganisationSource } from '../sources/source';
import { planMapping } from './plan';
import type { Planned } from './plan';
import type { AuditEntry, MappingStore } from './store';
import { writeIntoXero } from './xero-writes';
import { claimKey, finishBatch, replayOf, startBatch } from './batches';

type Result = ApplyResponse['results'][number];

function hashOf(kind: string, planVersion: number, rows: readonly unknown[], run: string | null): string {
  return crypto.createHash('sha256').update(JSON.stringify({ kind, planVersion, rows, run })).digest('hex');
}

/** What each planned row comes to before anything is written: skipped, failed, a conflict, unchanged, or to write. */
function triage(planned: readonly Planned[], planVersion: number): { results: Map<number, Result>; toWrite: Planned[] } {
  const results = new Map<number, Result>();
  const toWrite: Planned[] = [];
  const set = (p: Planned, result: Result['result'], message: string) => results.set(p.row, { row: p.row, result, message });
  for (const p of planned) {
    if (!p.raw || p.raw.status !== 'Approved') set(p, 'skipped', p.raw ? 'not approved' : (p.problems[0]?.message ?? 'row could not be read'));
    else if (p.action === 'invalid')
      set(
        p,
        'failed',
        p.problems
          .filter((x) => x.severity === 'error')
          .map((x) => x.message)
          .join(' ') || 'the target was not found in Xero',
      );
    else if (p.storedVersion !== null && p.storedVersion > planVersion)
      set(p, 'conflict', `Row ${p.row}: this mapping was changed (version ${p.storedVersion}) after the preview (version ${planVersion}): preview again`);
    else if (p.raw.xeroUpdatedAt !== undefined && p.raw.xeroUpdatedAt !== null && p.xeroUpdatedAt !== null && p.raw.xeroUpdatedAt !== p.xeroUpdatedAt) {
      set(p, 'conflict', `Row ${p.row}: the Xero record was changed in Xero after the preview: preview again`);
    } else if (p.action === 'unchanged') set(p, 'unchanged', 'already mapped like this');
    else toWrite.push(p);
  }
  return { results, toWrite };
}

/**
 * Writes the Approved rows: into Xero where the mapping lives there (what the kind's module describes),
 * then into the store with its audit trail, in one transaction. Replaying the same Idempotency-Key returns
 * the first answer and writes nothing twice; a batch cut off midway (a crash) is finished by the replay,
 * Xero's own idempotency keys keeping its writes single.
 */
export async function applyMapping(
  store: MappingStore,
  source: OrganisationSource,
  input: { kind: MappingKind; planVersion: number; rows: readonly unknown[]; run?: string | null; key: string; who: string; now?: () => Date },
): Promise<ApplyResponse> {
  const tenantId = source.organisation.tenantId;
  const now = input.now ?? (() => new Date());
  const run = input.run ?? null;
  const requestHash = hashOf(input.kind, input.planVersion, input.rows, run);
  const replay = await replayOf(store, tenantId, input.key, requestHash);
  if (replay) return replay;
  const release = await claimKey(store, tenantId, input.key);
  try {
    // The batch may have been finished under this key (on this proxy or another) between the check above and the claim.
    const finished = await replayOf(store, tenantId, input.key, requestHash);
    if (finished) return finished;
    return await writeBatch(store, source, { ...input, run, requestHash, now });
  } finally {
    await release();
  }
}

/** Refuses a plan version the store never had: its conflict check would pass for rows changed since. */
async function checkPlanVersion(store: MappingStore, tenantId: string, kind: MappingKind, planVersion: number): Promise<void> {
  const version = await store.version(tenantId, kind);
  if (planVersion > version) {
    throw new AppError('conflict', `This preview was made on mappings version ${planVersion}, which this proxy never had (it is at ${version}): preview again`);
  }
}

/** Nothing to write: no batch is made, and the answer says why each row was left. */
function nothingToWrite(results: ReadonlyMap<number, Result>): AppError {
  const count = (r: Result['result']) => [...results.values()].filter((x) => x.result === r).length;
  const parts = [
    [count('skipped'), 'not approved'],
    [count('failed'), 'with errors'],
    [count('conflict'), 'changed since the preview'],
    [count('unchanged'), 'mapped like this already'],
  ].filter(([n]) => (n as number) > 0);
  const why = parts.map(([n, what]) => `${n} ${what}`).join(', ');
  return new AppError(
    'bad_request',
    `Nothing was written: no Approved row has a change to make${why ? ` (${why})` : ''}. Approve rows without errors, then apply.`,
  );
}

type BatchInput = {
  kind: MappingKind;
  planVersion: number;
  rows: readonly unknown[];
  run: string | null;
  key: string;
  who: string;
  requestHash: string;
  now: () => Date;
};

/** A part of a run with nothing to write: each row's result, and no batch. */
async function partWithoutBatch(store: MappingStore, tenantId: string, kind: MappingKind, results: ReadonlyMap<number, Result>): Promise<ApplyResponse> {
  return { batchId: null, kind, version: await store.version(tenantId, kind), replayed: false, results: [...results.values()].sort((a, b) => a.row - b.row) };
}

async function writeBatch(store: MappingStore, source: OrganisationSource, input: BatchInput): Promise<ApplyResponse> {
  const tenantId = source.organisation.tenantId;
  const { now, requestHash } = input;
  await checkPlanVersion(store, tenantId, input.kind, input.planVersion);
  const { planned } = await planMapping(store, source, input.kind, input.rows);
  const { results, toWrite } = triage(planned, input.planVersion);
  if (toWrite.length === 0) {
    if (input.run) return partWithoutBatch(store, tenantId, input.kind, results);
    throw nothingToWrite(results);
  }
  const batchId = await startBatch(store, {
    tenantId,
    kind: input.kind,
    key: input.key,
    requestHash,
    who: input.who,
    at: now().toISOString(),
    reverts: null,
    run: input.run,
  });

  // Into Xero first, where the mapping lives there; a row Xero refuses fails alone.
  const describe = mappingKindDefinitions[input.kind].xeroWrite;
  const writes = toWrite.flatMap((p) => {
    const write: XeroWrite | null = p.raw && p.after && describe ? describe(p.raw, p.resolved, p.after) : null;
    return write ? [{ row: p.row, write }] : [];
  });
  const xero = await writeIntoXero(source.writes, batchId, writes);
  const changes: AuditEntry[] = [];
  for (const p of toWrite) {
    const refused = xero.failed.get(p.row);
    if (refused) {
      results.set(p.row, { row: p.row, result: 'failed', message: refused });
      continue;
    }
    const created = xero.created.get(p.row);
    const after = created && p.after ? { target: created, details: p.after.details } : p.after;
    changes.push({
      sourceCode: p.sourceCode,
      row: p.row,
      before: p.before,
      after,
      xeroBefore: xero.before.get(p.row) ?? null,
      xeroAfter: xero.after.get(p.row) ?? null,
    });
    results.set(p.row, { row: p.row, result: 'written', message: p.action === 'create' ? 'mapped' : `changed from ${p.before?.target ?? '—'}` });
  }

  const sorted = [...results.values()].sort((a, b) => a.row - b.row);
  return finishBatch(store, { tenantId, kind: input.kind, batchId, who: input.who, at: now().toISOString(), changes, results: sorted });
}
