import type { MappingValue } from '../../core/mapping/kinds/types';
import { mappingKinds } from '../../core/mapping/rows';
import type { MappingKind } from '../../core/mapping/rows';
import type { SqlRunner, SqlStore } from '../storage/sql';

export type StoredMapping = {
  kind: MappingKind;
  source: string;
  target: string;
  details: Record<string, string>;
  version: number;
  batchId: string;
  updatedAt: string;
};
export type AuditEntry = {
  sourceCode: string;
  row: number | null;
  before: MappingValue | null;
  after: MappingValue | null;
  xeroBefore: unknown;
  xeroAfter: unknown;
};

/** A batch as the history lists it: what it changed, what it reverts, what reverted it, and the run it is part of. */
type HistoryEntry = {
  id: string;
  kind: MappingKind;
  who: string;
  at: string;
  changes: number;
  reverts: string | null;
  revertedBy: string | null;
  run: string | null;
};

type BatchRow = {
  id: string;
  kind: MappingKind;
  request_hash: string;
  status: 'started' | 'done';
  response: string | null;
  who: string;
  started_at: string;
  reverts: string | null;
};

/** A kind's stored mappings (by source code in lower case) at one version. */
export type StoredAt = { key: string; version: number; mappings: ReadonlyMap<string, StoredMapping> };

/** How many organisations' and kinds' mappings are kept between plans. */
const KEPT_READINGS = 32;
let readings = 0;

/** The mapping store: current mappings (versioned per organisation and kind), batches and the audit trail. */
export class MappingStore {
  private readonly kept = new Map<string, StoredAt>();

  constructor(private readonly store: SqlStore) {}

  async version(tenantId: string, kind: MappingKind, tx: SqlRunner = this.store): Promise<number> {
    const row = await tx.get<{ version: number }>('SELECT version FROM mapping_versions WHERE tenant_id = ? AND kind = ?', [tenantId, kind]);
    return row ? Number(row.version) : 0;
  }

  /**
   * The mappings of a kind and the version they are at, read again only when the version has moved (every write
   * moves it, in the write's own transaction, from any proxy): a plan does not re-read thousands of stored mappings
   * that have not changed. `key` names this reading; the maps returned are shared and must not be changed.
   */
  async currentAt(tenantId: string, kind: MappingKind, known?: number): Promise<StoredAt> {
    const key = `${tenantId}\n${kind}`;
    for (let attempt = 1; ; attempt++) {
      const version = attempt === 1 && known !== undefined ? known : await this.version(tenantId, kind);
      const kept = this.kept.get(key);
      if (kept?.version === version) {
        this.kept.delete(key);
        this.kept.set(key, kept);
        return kept;
      }
      const mappings = await this.current(tenantId, kind);
      // A write landed between the two reads: read both again, so that what is kept is exactly that version.
      const moved = (await this.version(tenantId, kind)) !== version;
      if (moved && attempt < 3) continue;
      const reading: StoredAt = { key: `${tenantId}:${kind}:${version}:${++readings}`, version, mappings };
      if (moved) return reading;
      if (this.kept.size >= KEPT_READINGS) this.kept.delete(this.kept.keys().next().value as string);
      this.kept.set(key, reading);
      return reading;
    }
  }

  /** Every kind's mappings as `currentAt` reads them, their versions read in one query (a plan's body names its kind). */
  async currentAll(tenantId: string): Promise<Record<MappingKind, StoredAt>> {
    const rows = await this.store.all<{ kind: string; version: number }>('SELECT kind, version FROM mapping_versions WHERE tenant_id = ?', [tenantId]);
    const versions = new Map(rows.map((r) => [r.kind, Number(r.version)]));
    const readings = await Promise.all(mappingKinds.map((kind) => this.currentAt(tenantId, kind, versions.get(kind) ?? 0)));
    return Object.fromEntries(mappingKinds.map((kind, i) => [kind, readings[i]])) as Record<MappingKind, StoredAt>;
  }

  async current(tenantId: string, kind: MappingKind): Promise<Map<string, StoredMapping>> {
    const rows = await this.store.all('SELECT * FROM mappings WHERE tenant_id = ? AND kind = ? ORDER BY source_code', [tenantId, kind]);
    return new Map(rows.map((r) => [String(r.source_code).toLowerCase(), this.toMapping(r)]));
  }

  async all(tenantId: string, kind?: MappingKind): Promise<StoredMapping[]> {
    const rows = kind
      ? await this.store.all('SELECT * FROM mappings WHERE tenant_id = ? AND kind = ? ORDER BY kind, source_code', [tenantId, kind])
      : await this.store.all('SELECT * FROM mappings WHERE tenant_id = ? ORDER BY kind, source_code', [tenantId]);
    return rows.map((r) => this.toMapping(r));
  }

  private toMapping(r: Record<string, unknown>): StoredMapping {
    return {
      kind: r.kind as MappingKind,
      source: String(r.source_code),
      target: String(r.target),
      details: JSON.parse(String(r.details)) as Record<string, string>,
      version: Number(r.version),
      batchId: String(r.batch_id),
      updatedAt: String(r.updated_at),
    };
  }

  async batchByKey(tenantId: string, key: string): Promise<BatchRow | null> {
    return (
      (await this.store.get<BatchRow>(
        'SELECT id, kind, request_hash, status, response, who, started_at, reverts FROM mapping_batches WHERE tenant_id = ? AND idempotency_key = ?',
        [tenantId, key],
      )) ?? null
    );
  }

  async batch(tenantId: string, id: string): Promise<BatchRow | null> {
    return (
      (await this.store.get<BatchRow>(
        'SELECT id, kind, request_hash, status, response, who, started_at, reverts FROM mapping_batches WHERE tenant_id = ? AND id = ?',
        [tenantId, id],
      )) ?? null
    );
  }

  /**
   * Claims an organisation's idempotency key for the request running now, in this process or any other on the same
   * store: null when another holds it. The claim ends with the returned release, or with the process that holds it.
   */
  claim(tenantId: string, key: string): Promise<(() => Promise<void>) | null> {
    return this.store.lock(JSON.stringify(['batch', tenantId, key]));
  }

  async startBatch(b: {
    id: string;
    tenantId: string;
    kind: MappingKind;
    key: string;
    requestHash: string;
    who: string;
    at: string;
    reverts: string | null;
    run: string | null;
  }): Promise<void> {
    await this.store.run(
      "INSERT INTO mapping_batches (id, tenant_id, kind, idempotency_key, request_hash, status, who, started_at, reverts, run) VALUES (?, ?, ?, ?, ?, 'started', ?, ?, ?, ?)",
      [b.id, b.tenantId, b.kind, b.key, b.requestHash, b.who, b.at, b.reverts, b.run],
    );
  }

  /**
   * Writes a batch's changes, its audit trail and its answer in one transaction, and moves the
   * version on: either all of it is stored, or none.
   */
  finishBatch(f: {
    tenantId: string;
    kind: MappingKind;
    batchId: string;
    who: string;
    at: string;
    changes: AuditEntry[];
    response: (version: number) => unknown;
  }): Promise<{ version: number; response: unknown }> {
    return this.store.transaction(async (tx) => {
      const version = (await this.version(f.tenantId, f.kind, tx)) + (f.changes.length > 0 ? 1 : 0);
      await tx.run(
        'INSERT INTO mapping_versions (tenant_id, kind, version) VALUES (?, ?, ?) ON CONFLICT (tenant_id, kind) DO UPDATE SET version = excluded.version',
        [f.tenantId, f.kind, version],
      );
      for (const c of f.changes) {
        if (c.after)
          await tx.run(
            `INSERT INTO mappings (tenant_id, kind, source_code, target, details, version, batch_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (tenant_id, kind, source_code) DO UPDATE SET target = excluded.target, details = excluded.details, version = excluded.version, batch_id = excluded.batch_id, updated_at = excluded.updated_at`,
            [f.tenantId, f.kind, c.sourceCode, c.after.target, JSON.stringify(c.after.details), version, f.batchId, f.at],
          );
        else await tx.run('DELETE FROM mappings WHERE tenant_id = ? AND kind = ? AND source_code = ?', [f.tenantId, f.kind, c.sourceCode]);
        await tx.run(
          'INSERT INTO mapping_audit (batch_id, tenant_id, kind, source_code, sheet_row, who, at, before, after, xero_before, xero_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            f.batchId,
            f.tenantId,
            f.kind,
            c.sourceCode,
            c.row,
            f.who,
            f.at,
            JSON.stringify(c.before),
            JSON.stringify(c.after),
            JSON.stringify(c.xeroBefore ?? null),
            JSON.stringify(c.xeroAfter ?? null),
          ],
        );
      }
      const response = f.response(version);
      await tx.run("UPDATE mapping_batches SET status = 'done', finished_at = ?, response = ? WHERE id = ?", [f.at, JSON.stringify(response), f.batchId]);
      return { version, response };
    });
  }

  async auditOf(batchId: string): Promise<AuditEntry[]> {
    const rows = await this.store.all<Record<string, string | number | null>>(
      'SELECT source_code, sheet_row, before, after, xero_before, xero_after FROM mapping_audit WHERE batch_id = ? ORDER BY id',
      [batchId],
    );
    return rows.map((r) => ({
      sourceCode: String(r.source_code),
      row: r.sheet_row === null ? null : Number(r.sheet_row),
      before: JSON.parse(String(r.before)) as MappingValue | null,
      after: JSON.parse(String(r.after)) as MappingValue | null,
      xeroBefore: JSON.parse(String(r.xero_before)) as unknown,
      xeroAfter: JSON.parse(String(r.xero_after)) as unknown,
    }));
  }

  async history(tenantId: string): Promise<HistoryEntry[]> {
    const rows = await this.store.all<HistoryEntry>(
      `SELECT b.id, b.kind, b.who, COALESCE(b.finished_at, b.started_at) AS at, b.reverts, b.run,
         (SELECT COUNT(*) FROM mapping_audit a WHERE a.batch_id = b.id) AS changes,
         (SELECT r.id FROM mapping_batches r WHERE r.reverts = b.id AND r.status = 'done' AND EXISTS (SELECT 1 FROM mapping_audit a2 WHERE a2.batch_id = r.id) LIMIT 1) AS "revertedBy"
       FROM mapping_batches b WHERE b.tenant_id = ? AND b.status = 'done' ORDER BY at DESC, b.id`,
      [tenantId],
    );
    // PostgreSQL counts as bigint (text in node-postgres).
    return rows.map((r) => ({ ...r, changes: Number(r.changes) }));
  }
}
