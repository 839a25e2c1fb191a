import { openDatabase } from '../../../server/storage/db';
import type { SqlStore } from '../../../server/storage/sql';
import { XeroCache } from '../../../server/xero/cache';
import { XeroGateway } from '../../../server/xero/gateway';
import { SharedCache } from '../../../server/xero/shared-cache';
import { ageingQuerySchema } from '../../../core/contract';
import { buildAgeing, readReportLedger } from '../../../server/reports/build';
import { XeroSource } from '../../../server/sources/xero';
import { postgresForTests } from '../../postgres-server';
import { organisation, TENANT, xeroHarness } from '../xero-harness';

const QUERY = ageingQuerySchema.parse({ asAt: '2026-10-31' });

/**
 * Issue 15: the pull cache shared by proxies on one PostgreSQL. Each proxy keeps a copy in its own SQLite file; what
 * one proxy pulled from Xero, the others copy from the shared cache instead of asking Xero for it again.
 */
const postgres = postgresForTests();

type Harness = Awaited<ReturnType<typeof xeroHarness>>;

/** Two proxies: each its own SQLite copy, both on one shared cache. Pages of 100 records, so a full pull of the invoices takes 16 calls. */
function proxies(h: Harness, pg: SqlStore) {
  return [0, 1].map(
    () => new XeroGateway(h.connections, new XeroCache(openDatabase(':memory:')), { clock: h.clock, pageSize: 100, shared: new SharedCache(pg) }),
  );
}

/** The shared cache emptied, as a new database would be. */
async function fresh(): Promise<SqlStore | null> {
  const pg = await postgres.open();
  if (pg) for (const table of ['xero_shared_cache', 'xero_shared_state']) await pg.run(`DELETE FROM ${table}`);
  return pg;
}

/** Runs a test with the Xero stand-in and an emptied shared cache (when PostgreSQL is there; see postgresForTests). */
async function withProxies(work: (h: Harness, pg: SqlStore) => Promise<void>): Promise<void> {
  const pg = await fresh();
  if (!pg) return;
  const h = await xeroHarness();
  try {
    await work(h, pg);
  } finally {
    await h.close();
  }
}

const callsDuring = async (h: Harness, work: () => Promise<unknown>) => {
  const before = h.standIn.calls.length;
  await work();
  return h.standIn.calls.slice(before);
};
const ids = (records: unknown[]) => records.map((r) => (r as { InvoiceID: string }).InvoiceID);

describe('the pull cache shared on PostgreSQL', () => {
  it('gives a second proxy what the first pulled, asking Xero only for what changed since', () =>
    withProxies(async (h, pg) => {
      const [a, b] = proxies(h, pg);
      const first = await a!.pull(h.connectionId, TENANT, 'Invoices');
      expect(first.calls).toBe(16);
      let second!: Awaited<ReturnType<XeroGateway['pull']>>;
      const calls = await callsDuring(h, async () => (second = await b!.pull(h.connectionId, TENANT, 'Invoices')));
      expect(calls).toHaveLength(1);
      expect(calls[0]?.ifModifiedSince).not.toBeNull();
      expect(second.records).toEqual(first.records);
    }));

  it("brings a change one proxy pulled into the other's copy, though Xero no longer reports it to that proxy", () =>
    withProxies(async (h, pg) => {
      const [a, b] = proxies(h, pg);
      await a!.pull(h.connectionId, TENANT, 'Invoices');
      await b!.pull(h.connectionId, TENANT, 'Invoices');
      const raw = h.standIn.records(TENANT, 'Invoices');
      Object.assign(raw[7]!, { Reference: 'Changed on Xero', UpdatedDateUTC: `/Date(${Date.UTC(2027, 0, 1)}+0000)/` });
      const byA = await a!.pull(h.connectionId, TENANT, 'Invoices');
      expect(byA.changed).toHaveLength(1);
      let byB!: Awaited<ReturnType<XeroGateway['pull']>>;
      const calls = await callsDuring(h, async () => (byB = await b!.pull(h.connectionId, TENANT, 'Invoices')));
      // Asked only for what changed since A's pull: Xero sends nothing, the change comes from the shared cache.
      expect(calls.map((c) => c.status)).toEqual([200]);
      expect(byB.changed.map((r) => (r as { Reference: string }).Reference)).toEqual(['Changed on Xero']);
      expect(byB.records.find((r) => (r as { InvoiceID: string }).InvoiceID === raw[7]!.InvoiceID)).toMatchObject({ Reference: 'Changed on Xero' });
      expect(ids(byB.records)).toEqual(ids(byA.records));
    }));

  it("keeps each proxy's reports equal to the other's when one of them pulls a change", () =>
    withProxies(async (h, pg) => {
      const [a, b] = proxies(h, pg).map((g) => new XeroSource(g, h.connectionId, organisation));
      const ageing = async (source: XeroSource) => ({ ...buildAgeing(await readReportLedger(source), QUERY), generatedAt: null });
      const before = await ageing(a!);
      expect(await ageing(b!)).toEqual(before);
      const raw = h.standIn.records(TENANT, 'Invoices');
      const open = raw.find((r) => r.Status === 'AUTHORISED' && Number(r.AmountDue) > 0)!;
      Object.assign(open, { Status: 'VOIDED', AmountDue: 0, UpdatedDateUTC: `/Date(${Date.UTC(2027, 0, 1)}+0000)/` });
      const afterA = await ageing(a!);
      const afterB = await ageing(b!);
      expect(afterB).toEqual(afterA);
      // The voided invoice left both reports (B's from the shared cache: Xero told B nothing new).
      expect(afterA.totals).not.toEqual(before.totals);
    }));

  it('replaces a copy from before a full pull, so a record gone from Xero is gone from every proxy', () =>
    withProxies(async (h, pg) => {
      const [a, b] = proxies(h, pg);
      await a!.pull(h.connectionId, TENANT, 'Invoices');
      await b!.pull(h.connectionId, TENANT, 'Invoices');
      const raw = h.standIn.records(TENANT, 'Invoices');
      const gone = raw.splice(3, 1)[0]!.InvoiceID;
      const full = await a!.pull(h.connectionId, TENANT, 'Invoices', { full: true });
      expect(ids(full.records)).not.toContain(gone);
      const copy = await b!.pull(h.connectionId, TENANT, 'Invoices');
      expect(copy.calls).toBe(1);
      expect(ids(copy.records)).toEqual(ids(full.records));
    }));
});
