import type { Ledger } from '../../core/domain';
import type { Db } from '../storage/db';
import type { XeroCache } from '../xero/cache';
import { pack } from '../xero/compact';
import { endpointOfTable } from '../xero/deserialize';
import { ID_FIELDS } from '../xero/fast-read';
import type { FastTable } from '../xero/fast-read';

/** The large tables a snapshot keeps in the store rather than in memory. */
export const LARGE_TABLES = ['contacts', 'invoices', 'creditNotes', 'payments', 'overpayments', 'prepayments'] as const satisfies readonly FastTable[];
export type LargeTable = (typeof LARGE_TABLES)[number];

/**
 * Snapshot folders' large tables kept in the proxy's store (DATA_DIR) in the pull cache's compact form, under the
 * key `snapshot:<tenant id>` (apart from any Xero connection's copy of the same organisation). A folder is read and
 * checked once; later starts read only its small files, and the large tables come from here when first used.
 */
export class SnapshotStore {
  constructor(
    private readonly db: Db,
    private readonly cache: XeroCache,
  ) {}

  private key(tenantId: string): string {
    return `snapshot:${tenantId}`;
  }

  /** Whether the store holds this folder's records as they are now. */
  holds(tenantId: string, folder: string, fingerprint: string): boolean {
    const row = this.db.prepare('SELECT folder, fingerprint FROM snapshot_imports WHERE tenant_id = ?').get(tenantId) as
      { folder: string; fingerprint: string } | undefined;
    return row?.folder === folder && row.fingerprint === fingerprint;
  }

  /** Keeps the ledger's large tables, replacing what was kept for the organisation. */
  keep(ledger: Ledger, folder: string, fingerprint: string, at: Date): void {
    const tenantId = ledger.organisation.tenantId;
    const fetchedAt = at.toISOString();
    this.db
      .transaction(() => {
        for (const table of LARGE_TABLES) {
          const rows = (ledger[table] as readonly Record<string, unknown>[]).map((r) => ({
            id: String(r[ID_FIELDS[table]]),
            body: null,
            record: pack(table, r),
          }));
          this.cache.store(this.key(tenantId), endpointOfTable[table], rows, { replace: true, fetchedAt, modifiedSince: null });
        }
        this.db
          .prepare(
            `INSERT INTO snapshot_imports (tenant_id, folder, fingerprint, imported_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (tenant_id) DO UPDATE SET folder = excluded.folder, fingerprint = excluded.fingerprint, imported_at = excluded.imported_at`,
          )
          .run(tenantId, folder, fingerprint, fetchedAt);
      })
      .immediate();
  }

  /** A kept table's records, a chunk per turn of the event loop. */
  inTurns(tenantId: string, table: LargeTable, baseCurrency: string): AsyncIterable<unknown[]> {
    return this.cache.coreInTurns(this.key(tenantId), endpointOfTable[table], { table, baseCurrency });
  }

  /** When the records were kept. */
  importedAt(tenantId: string): string | null {
    const row = this.db.prepare('SELECT imported_at FROM snapshot_imports WHERE tenant_id = ?').get(tenantId) as { imported_at: string } | undefined;
    return row?.imported_at ?? null;
  }
}
