import type { MappingValue } from '../../core/mapping/kinds/types';
import type { MappingKind } from '../../core/mapping/rows';
import type { Db } from '../storage/db';

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

/** The mapping store: current mappings (versioned per organisation and kind), batches and the audit trail. */
export class MappingStore {
  constructor(private readonly db: Db) {}

  version(tenantId: string, kind: MappingKind): number {
    const row = this.db.prepare('SELECT version FROM mapping_versions WHERE tenant_id = ? AND kind = ?').get(tenantId, kind) as { version: number } | undefined;
    return row?.version ?? 0;
  }

  current(tenantId: string, kind: MappingKind): Map<string, StoredMapping> {
    const rows = this.db.prepare('SELECT * FROM mappings WHERE tenant_id = ? AND kind = ? ORDER BY source_code').all(tenantId, kind) as Array<
      Record<string, unknown>
    >;
    return new Map(rows.map((r) => [String(r.source_code).toLowerCase(), this.toMapping(r)]));
  }

  all(tenantId: string, kind?: MappingKind): StoredMapping[] {
    const rows = (
      kind
        ? this.db.prepare('SELECT * FROM mappings WHERE tenant_id = ? AND kind = ? ORDER BY kind, source_code').all(tenantId, kind)
        : this.db.prepare('SELECT * FROM mappings WHERE tenant_id = ? ORDER BY kind, source_code').all(tenantId)
    ) as Array<Record<string, unknown>>;
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

  batchByKey(tenantId: string, key: string): BatchRow | null {
    return (
      (this.db
        .prepare('SELECT id, kind, request_hash, status, response, who, started_at, reverts FROM mapping_batches WHERE tenant_id = ? AND idempotency_key = ?')
        .get(tenantId, key) as BatchRow | undefined) ?? null
    );
  }

  batch(tenantId: string, id: string): BatchRow | null {
    return (
      (this.db
        .prepare('SELECT id, kind, request_hash, status, response, who, started_at, reverts FROM mapping_batches WHERE tenant_id = ? AND id = ?')
        .get(tenantId, id) as BatchRow | undefined) ?? null
    );
  }

  startBatch(b: {
    id: string;
    tenantId: string;
    kind: MappingKind;
    key: string;
    requestHash: string;
    who: string;
    at: string;
    reverts: string | null;
    run: string | null;
  }): void {
    this.db
      .prepare(
        "INSERT INTO mapping_batches (id, tenant_id, kind, idempotency_key, request_hash, status, who, started_at, reverts, run) VALUES (?, ?, ?, ?, ?, 'started', ?, ?, ?, ?)",
      )
      .run(b.id, b.tenantId, b.kind, b.key, b.requestHash, b.who, b.at, b.reverts, b.run);
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
  }): { version: number; response: unknown } {
    return this.db
      .transaction(() => {
        const version = this.version(f.tenantId, f.kind) + (f.changes.length > 0 ? 1 : 0);
        this.db
          .prepare(
            'INSERT INTO mapping_versions (tenant_id, kind, version) VALUES (?, ?, ?) ON CONFLICT (tenant_id, kind) DO UPDATE SET version = excluded.version',
          )
          .run(f.tenantId, f.kind, version);
        const upsert = this.db.prepare(
          `INSERT INTO mappings (tenant_id, kind, source_code, target, details, version, batch_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, kind, source_code) DO UPDATE SET target = excluded.target, details = excluded.details, version = excluded.version, batch_id = excluded.batch_id, updated_at = excluded.updated_at`,
        );
        const remove = this.db.prepare('DELETE FROM mappings WHERE tenant_id = ? AND kind = ? AND source_code = ?');
        const audit = this.db.prepare(
          'INSERT INTO mapping_audit (batch_id, tenant_id, kind, source_code, sheet_row, who, at, before, after, xero_before, xero_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const c of f.changes) {
          if (c.after) upsert.run(f.tenantId, f.kind, c.sourceCode, c.after.target, JSON.stringify(c.after.details), version, f.batchId, f.at);
          else remove.run(f.tenantId, f.kind, c.sourceCode);
          audit.run(
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
          );
        }
        const response = f.response(version);
        this.db
          .prepare("UPDATE mapping_batches SET status = 'done', finished_at = ?, response = ? WHERE id = ?")
          .run(f.at, JSON.stringify(response), f.batchId);
        return { version, response };
      })
      .immediate();
  }

  auditOf(batchId: string): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT source_code, sheet_row, before, after, xero_before, xero_after FROM mapping_audit WHERE batch_id = ? ORDER BY id')
      .all(batchId) as Array<Record<string, string | number | null>>;
    return rows.map((r) => ({
      sourceCode: String(r.source_code),
      row: r.sheet_row === null ? null : Number(r.sheet_row),
      before: JSON.parse(String(r.before)) as MappingValue | null,
      after: JSON.parse(String(r.after)) as MappingValue | null,
      xeroBefore: JSON.parse(String(r.xero_before)) as unknown,
      xeroAfter: JSON.parse(String(r.xero_after)) as unknown,
    }));
  }

  history(tenantId: string): HistoryEntry[] {
    return this.db
      .prepare(
        `SELECT b.id, b.kind, b.who, COALESCE(b.finished_at, b.started_at) AS at, b.reverts, b.run,
           (SELECT COUNT(*) FROM mapping_audit a WHERE a.batch_id = b.id) AS changes,
           (SELECT r.id FROM mapping_batches r WHERE r.reverts = b.id AND r.status = 'done' AND EXISTS (SELECT 1 FROM mapping_audit a2 WHERE a2.batch_id = r.id) LIMIT 1) AS revertedBy
         FROM mapping_batches b WHERE b.tenant_id = ? AND b.status = 'done' ORDER BY at DESC, b.id`,
      )
      .all(tenantId) as HistoryEntry[];
  }
}
