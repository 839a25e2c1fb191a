import crypto from 'node:crypto';
import type { ApplyResponse, PlanResponse, RowProblemBody } from '../../core/contract';
import { checkRows } from '../../core/mapping/checks';
import type { Resolved, RowProblem } from '../../core/mapping/checks';
import { cellText, mappingRowSchema } from '../../core/mapping/rows';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import { suggestTargets } from '../../core/mapping/suggest';
import { xeroLookup } from '../../core/mapping/xero-data';
import { AppError } from '../errors';
import type { OrganisationSource } from '../sources/source';
import type { AuditEntry, MappingStore, MappingValue } from './store';
import { inTurn } from './turns';

type Planned = {
  row: number;
  raw: MappingRow | null;
  action: 'create' | 'update' | 'unchanged' | 'invalid';
  before: MappingValue | null;
  after: MappingValue | null;
  sourceCode: string;
  problems: RowProblem[];
  resolved: Resolved;
  xeroUpdatedAt: string | null;
  storedVersion: number | null;
};

/** Parses each row on its own: a malformed row becomes that row's problem, never the request's. */
function parseRows(raw: readonly unknown[]): { rows: MappingRow[]; problems: RowProblem[] } {
  const rows: MappingRow[] = [];
  const problems: RowProblem[] = [];
  const seenRows = new Set<number>();
  raw.forEach((value, i) => {
    const rowNumber = value && typeof value === 'object' && typeof (value as { row?: unknown }).row === 'number' ? (value as { row: number }).row : i + 2;
    const parsed = mappingRowSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || 'row';
      problems.push({ row: rowNumber, field, severity: 'error', code: 'malformed', message: `Row ${rowNumber}, ${field}: ${issue?.message ?? 'not a mapping row'}; fix the cell and try again` });
      return;
    }
    if (seenRows.has(parsed.data.row)) {
      problems.push({ row: parsed.data.row, field: 'row', severity: 'warning', code: 'duplicate-row-number', message: `Row ${parsed.data.row}: sent twice in one request; the second copy was ignored` });
      return;
    }
    seenRows.add(parsed.data.row);
    rows.push(parsed.data);
  });
  return { rows, problems };
}

function valueOf(kind: MappingKind, row: MappingRow, r: Resolved): MappingValue | null {
  const text = (c: unknown) => cellText(c as never).trim();
  if (kind === 'accounts') return r.account?.code ? { target: r.account.code, details: { role: text(row.role).toLowerCase(), name: text(row.name), account: r.account.name } } : null;
  if (kind === 'tax-rules') {
    if (row.action === 'create-tax-rate' && text(row.target)) return { target: `new: ${text(row.target)}`, details: { name: text(row.name), rate: text(row.rate).replace('%', '').trim(), taxRate: text(row.target) } };
    return r.taxRate ? { target: r.taxRate.taxType, details: { name: text(row.name), rate: text(row.rate).replace('%', '').trim(), taxRate: r.taxRate.name } } : null;
  }
  if (kind === 'payment-methods') return r.account?.code ? { target: r.account.code, details: { name: text(row.name), account: r.account.name } } : null;
  if (!r.contact) return null;
  return {
    target: r.contact.contactId,
    details: { contact: r.contact.name, name: text(row.name), salesAccount: r.salesAccount?.code ?? '', taxType: r.taxType?.taxType ?? '' },
  };
}

const same = (a: MappingValue | null, b: MappingValue | null) => JSON.stringify(a) === JSON.stringify(b);

/** Checks, suggestions and the change each row would make, against fresh Xero data and the store. */
export async function planMapping(store: MappingStore, source: OrganisationSource, kind: MappingKind, raw: readonly unknown[], options: { suggest?: boolean } = {}) {
  const tenantId = source.organisation.tenantId;
  const [accounts, taxRates, contacts] = await Promise.all([source.read('accounts'), source.read('taxRates'), source.read('contacts')]);
  // The work below uses no I/O: it runs in its own turn of the event loop, in the order requests came.
  return inTurn(() => {
    const lookup = xeroLookup({ accounts: accounts.records, taxRates: taxRates.records, contacts: contacts.records });
    const { rows, problems: shapeProblems } = parseRows(raw);
    const { problems, resolved } = checkRows(kind, rows, lookup);
    // Applying needs the checks, not the suggestions: those are for the reviewer's preview.
    const suggestions = new Map(options.suggest === false ? [] : suggestTargets(kind, rows, lookup).map((s) => [s.row, s]));
    const stored = store.current(tenantId, kind);
    const version = store.version(tenantId, kind);
    const byRow = new Map<number, RowProblem[]>();
    for (const p of [...shapeProblems, ...problems]) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);

    const planned: Planned[] = [];
    const validRows = new Set(rows.map((r) => r.row));
    for (const p of shapeProblems) {
      if (validRows.has(p.row) || planned.some((x) => x.row === p.row)) continue;
      planned.push({ row: p.row, raw: null, action: 'invalid', before: null, after: null, sourceCode: '', problems: byRow.get(p.row) ?? [], resolved: {}, xeroUpdatedAt: null, storedVersion: null });
    }
    for (const row of rows) {
      const sourceCode = cellText(row.source).trim();
      const rowProblems = byRow.get(row.row) ?? [];
      const r = resolved.get(row.row) ?? {};
      const existing = stored.get(sourceCode.toLowerCase()) ?? null;
      const before = existing ? { target: existing.target, details: existing.details } : null;
      const after = valueOf(kind, row, r);
      const invalid = rowProblems.some((p) => p.severity === 'error') || !after;
      const action = invalid ? 'invalid' : !before ? 'create' : same(before, after) ? 'unchanged' : 'update';
      const xeroRecord = r.contact ?? r.account ?? null;
      planned.push({ row: row.row, raw: row, action, before, after: invalid ? null : after, sourceCode, problems: rowProblems, resolved: r, xeroUpdatedAt: xeroRecord?.updatedAt ?? null, storedVersion: existing?.version ?? null });
    }
    planned.sort((a, b) => a.row - b.row);

    const response: PlanResponse = {
      kind,
      version,
      totals: {
        create: planned.filter((p) => p.action === 'create').length,
        update: planned.filter((p) => p.action === 'update').length,
        unchanged: planned.filter((p) => p.action === 'unchanged').length,
        invalid: planned.filter((p) => p.action === 'invalid').length,
      },
      rows: planned.map((p) => {
        const s = suggestions.get(p.row);
        return {
          row: p.row,
          action: p.action,
          before: p.before,
          after: p.after,
          reason: p.action === 'invalid' ? (p.problems.find((x) => x.severity === 'error')?.message ?? 'the target was not found in Xero') : p.action === 'unchanged' ? 'already mapped like this' : null,
          problems: p.problems as RowProblemBody[],
          suggestion: s ? { target: s.target, label: s.label, confidence: s.confidence, reason: s.reason } : { target: null, label: null, confidence: 0, reason: 'row could not be read' },
          xeroUpdatedAt: p.xeroUpdatedAt,
        };
      }),
    };
    return { response, planned };
  });
}

function requestHash(kind: string, planVersion: number, rows: readonly unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify({ kind, planVersion, rows })).digest('hex');
}

type Result = ApplyResponse['results'][number];

/**
 * Writes the Approved rows: into Xero where the mapping lives there (customer defaults, payments on an
 * account), then into the store with its audit trail, in one transaction. Replaying the same
 * Idempotency-Key returns the first answer and writes nothing twice; a batch cut off midway (a crash)
 * is finished by the replay, Xero's own idempotency keys keeping its writes single.
 */
export async function applyMapping(
  store: MappingStore,
  source: OrganisationSource,
  input: { kind: MappingKind; planVersion: number; rows: readonly unknown[]; key: string; who: string; now?: () => Date },
): Promise<ApplyResponse> {
  const tenantId = source.organisation.tenantId;
  const now = input.now ?? (() => new Date());
  const hash = requestHash(input.kind, input.planVersion, input.rows);
  const existing = store.batchByKey(tenantId, input.key);
  if (existing && existing.request_hash !== hash) {
    throw new AppError('conflict', 'This Idempotency-Key was used for a different request: use a new key for a new batch');
  }
  if (existing?.status === 'done') return { ...(JSON.parse(existing.response ?? '{}') as ApplyResponse), replayed: true };
  const batchId = existing?.id ?? crypto.randomUUID();
  if (!existing) store.startBatch({ id: batchId, tenantId, kind: input.kind, key: input.key, requestHash: hash, who: input.who, at: now().toISOString(), reverts: null });

  const { planned } = await planMapping(store, source, input.kind, input.rows, { suggest: false });
  const results = new Map<number, Result>();
  const toWrite: Planned[] = [];
  for (const p of planned) {
    if (!p.raw || p.raw.status !== 'Approved') {
      results.set(p.row, { row: p.row, result: 'skipped', message: p.raw ? 'not approved' : (p.problems[0]?.message ?? 'row could not be read') });
    } else if (p.action === 'invalid') {
      results.set(p.row, { row: p.row, result: 'failed', message: p.problems.filter((x) => x.severity === 'error').map((x) => x.message).join(' ') || 'the target was not found in Xero' });
    } else if (p.storedVersion !== null && p.storedVersion > input.planVersion) {
      results.set(p.row, { row: p.row, result: 'conflict', message: `Row ${p.row}: this mapping was changed (version ${p.storedVersion}) after the preview (version ${input.planVersion}): preview again` });
    } else if (p.raw.xeroUpdatedAt !== undefined && p.raw.xeroUpdatedAt !== null && p.xeroUpdatedAt !== null && p.raw.xeroUpdatedAt !== p.xeroUpdatedAt) {
      results.set(p.row, { row: p.row, result: 'conflict', message: `Row ${p.row}: the Xero record was changed in Xero after the preview: preview again` });
    } else if (p.action === 'unchanged') {
      results.set(p.row, { row: p.row, result: 'unchanged', message: 'already mapped like this' });
    } else toWrite.push(p);
  }

  // Into Xero first, where the mapping lives there; a row Xero refuses fails alone.
  const changes: AuditEntry[] = [];
  const xeroFailed = new Set<number>();
  const xeroBefore = new Map<number, unknown>();
  const xeroAfter = new Map<number, unknown>();
  if (input.kind === 'customers') {
    const defaults = toWrite
      .filter((p) => p.resolved.contact && (p.after?.details.salesAccount || p.after?.details.taxType))
      .map((p) => {
        const c = p.resolved.contact!;
        xeroBefore.set(p.row, { contactId: c.contactId, salesDefaultAccountCode: c.salesDefaultAccountCode, accountsReceivableTaxType: c.accountsReceivableTaxType });
        const change = { contactId: c.contactId, salesDefaultAccountCode: p.after?.details.salesAccount || c.salesDefaultAccountCode, accountsReceivableTaxType: p.after?.details.taxType || c.accountsReceivableTaxType };
        xeroAfter.set(p.row, change);
        return { row: p.row, change };
      });
    if (defaults.length > 0) {
      const outcomes = await source.writes.updateContactDefaults(defaults.map((d) => d.change), batchId);
      defaults.forEach((d, i) => {
        const o = outcomes[i];
        if (!o?.ok) {
          xeroFailed.add(d.row);
          results.set(d.row, { row: d.row, result: 'failed', message: `Row ${d.row}: Xero refused the contact's defaults: ${o?.message ?? 'no answer'}` });
        }
      });
    }
  }
  if (input.kind === 'payment-methods') {
    for (const p of toWrite) {
      const account = p.resolved.account;
      if (!account || account.type === 'BANK' || account.enablePaymentsToAccount || p.raw?.action !== 'enable-payments') continue;
      xeroBefore.set(p.row, { accountId: account.accountId, enablePaymentsToAccount: false });
      xeroAfter.set(p.row, { accountId: account.accountId, enablePaymentsToAccount: true });
      const o = await source.writes.setPaymentsEnabled(account.accountId, true, `${batchId}-row-${p.row}`);
      if (!o.ok) {
        xeroFailed.add(p.row);
        results.set(p.row, { row: p.row, result: 'failed', message: `Row ${p.row}: Xero did not enable payments on ${account.code}: ${o.message}` });
      }
    }
  }
  if (input.kind === 'tax-rules') {
    for (const p of toWrite) {
      if (p.raw?.action !== 'create-tax-rate' || !p.after) continue;
      const o = await source.writes.createTaxRate({ name: p.after.details.taxRate ?? '', percent: p.after.details.rate ?? '0' }, `${batchId}-taxrate-${p.row}`);
      if (!o.ok) {
        xeroFailed.add(p.row);
        results.set(p.row, { row: p.row, result: 'failed', message: `Row ${p.row}: Xero did not create the tax rate: ${o.message}` });
        continue;
      }
      xeroAfter.set(p.row, { createdTaxType: o.id });
      p.after = { target: o.id, details: p.after.details };
    }
  }
  for (const p of toWrite) {
    if (xeroFailed.has(p.row)) continue;
    changes.push({ sourceCode: p.sourceCode, row: p.row, before: p.before, after: p.after, xeroBefore: xeroBefore.get(p.row) ?? null, xeroAfter: xeroAfter.get(p.row) ?? null });
    results.set(p.row, { row: p.row, result: 'written', message: p.action === 'create' ? 'mapped' : `changed from ${p.before?.target ?? '—'}` });
  }

  const finished = store.finishBatch({
    tenantId,
    kind: input.kind,
    batchId,
    who: input.who,
    at: now().toISOString(),
    changes,
    response: (version): ApplyResponse => ({ batchId, kind: input.kind, version, replayed: false, results: [...results.values()].sort((a, b) => a.row - b.row) }),
  });
  return finished.response as ApplyResponse;
}

/** Puts back the before-values of a batch, in the store and in Xero, as a new batch of its own. */
export async function revertBatch(store: MappingStore, source: OrganisationSource, input: { batchId: string; key: string; who: string; now?: () => Date }): Promise<ApplyResponse> {
  const tenantId = source.organisation.tenantId;
  const now = input.now ?? (() => new Date());
  const original = store.batch(tenantId, input.batchId);
  if (!original || original.status !== 'done') throw new AppError('not_found', `No applied batch ${input.batchId} in this organisation`);
  const existing = store.batchByKey(tenantId, input.key);
  if (existing?.status === 'done') return { ...(JSON.parse(existing.response ?? '{}') as ApplyResponse), replayed: true };
  if (store.history(tenantId).some((b) => b.reverts === input.batchId)) throw new AppError('conflict', `Batch ${input.batchId} was reverted already`);
  const batchId = existing?.id ?? crypto.randomUUID();
  if (!existing) store.startBatch({ id: batchId, tenantId, kind: original.kind, key: input.key, requestHash: `revert:${input.batchId}`, who: input.who, at: now().toISOString(), reverts: input.batchId });

  const entries = store.auditOf(input.batchId);
  const current = store.current(tenantId, original.kind);
  const results: ApplyResponse['results'] = [];
  const changes: AuditEntry[] = [];
  const contactRestores = entries.filter((e) => e.xeroBefore && (e.xeroBefore as { contactId?: string }).contactId);
  if (contactRestores.length > 0) {
    await source.writes.updateContactDefaults(contactRestores.map((e) => e.xeroBefore as never), `${batchId}-revert`);
  }
  for (const e of entries) {
    const payments = e.xeroBefore as { accountId?: string; enablePaymentsToAccount?: boolean } | null;
    if (payments?.accountId) await source.writes.setPaymentsEnabled(payments.accountId, payments.enablePaymentsToAccount === true, `${batchId}-revert-${e.sourceCode}`);
    const now_ = current.get(e.sourceCode.toLowerCase());
    changes.push({ sourceCode: e.sourceCode, row: e.row, before: now_ ? { target: now_.target, details: now_.details } : null, after: e.before, xeroBefore: e.xeroAfter, xeroAfter: e.xeroBefore });
    const created = (e.xeroAfter as { createdTaxType?: string } | null)?.createdTaxType;
    const kept = created ? `; the tax rate ${created} it created stays in Xero (archive it there if it is not wanted)` : '';
    results.push({ row: e.row ?? 0, result: 'written', message: `${e.before ? `restored ${e.before.target}` : 'mapping removed'}${kept}` });
  }
  const finished = store.finishBatch({
    tenantId,
    kind: original.kind,
    batchId,
    who: input.who,
    at: now().toISOString(),
    changes,
    response: (version): ApplyResponse => ({ batchId, kind: original.kind, version, replayed: false, results }),
  });
  return finished.response as ApplyResponse;
}
