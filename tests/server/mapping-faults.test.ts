import { applyMapping } from '../../server/mapping/apply';
import { sqliteStore } from '../../server/storage/sql';
import { MappingStore } from '../../server/mapping/store';
import { XeroSource } from '../../server/sources/xero';
import { customerRows, organisation, TENANT, xeroHarness } from './xero-harness';

type Harness = Awaited<ReturnType<typeof xeroHarness>>;

describe('writing customer mappings into Xero when Xero misbehaves', () => {
  let h: Harness;
  let store: MappingStore;
  let source: XeroSource;
  beforeEach(async () => {
    h = await xeroHarness();
    store = new MappingStore(sqliteStore(h.db));
    source = new XeroSource(h.gateway, h.connectionId, organisation);
  });
  afterEach(async () => h.close());

  const auditCount = () => (h.db.prepare('SELECT COUNT(*) AS n FROM mapping_audit').get() as { n: number }).n;
  const stored = async () => (await store.all(TENANT, 'customers')).length;

  it('writes in batches of 50 with summarizeErrors=false; contacts Xero rejects fail alone', async () => {
    const rows = await customerRows(source, 45);
    h.standIn.refuse.set(rows[3]!.target, 'This contact is being merged');
    h.standIn.refuse.set(rows[40]!.target, 'Contact is archived in Xero');
    const result = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'xero-rejects-1', who: 'Ada' });
    const failed = result.results.filter((r) => r.result === 'failed');
    expect(failed.map((r) => r.row)).toEqual([rows[3]!.row, rows[40]!.row]);
    expect(failed[0]!.message).toMatch(/This contact is being merged/);
    expect(result.results.filter((r) => r.result === 'written')).toHaveLength(43);
    expect(await stored()).toBe(43);
    expect(auditCount()).toBe(43);
    expect(h.standIn.applied.Contacts).toBe(43);
    const posts = h.standIn.calls.filter((c) => c.endpoint === 'Contacts' && c.page === null && c.status !== 401);
    expect(posts.filter((c) => c.status === 200)).toHaveLength(1);
  });

  it('waits out a 429 in the middle of a batch and writes every contact once', async () => {
    const rows = await customerRows(source, 48);
    // 48 rows: one POST; the first answer is a 429.
    h.standIn.script('Contacts', { status: 429, headers: { 'Retry-After': '12', 'X-Rate-Limit-Problem': 'minute' } });
    const result = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'xero-429-1', who: 'Ada' });
    expect(result.results.every((r) => r.result === 'written')).toBe(true);
    expect(h.standIn.applied.Contacts).toBe(48);
    expect(await stored()).toBe(48);
  });

  it('retries a lost response with the same Idempotency-Key, so Xero applies the batch once', async () => {
    const rows = await customerRows(source, 20);
    h.standIn.script('Contacts', { status: 200, drop: true });
    const result = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'xero-lost-1', who: 'Ada' });
    expect(result.results.every((r) => r.result === 'written')).toBe(true);
    expect(h.standIn.applied.Contacts).toBe(20);
    const contact = h.standIn.records(TENANT, 'Contacts').find((c) => c.ContactID === rows[0]!.target)!;
    expect(contact.SalesDefaultAccountCode).toBe('210');
  });

  it('creates a missing tax rate in Xero once, even when the answer is lost', async () => {
    h.standIn.script('TaxRates', { status: 200, drop: true });
    const rows = [
      { row: 2, source: 'LUX', name: 'Luxury', rate: 33, target: 'Luxury Car Tax', action: 'create-tax-rate' as const, status: 'Approved' as const },
    ];
    const result = await applyMapping(store, source, { kind: 'tax-rules', planVersion: 0, rows, key: 'xero-taxrate-1', who: 'Ada' });
    expect(result.results[0]!.result).toBe('written');
    expect(h.standIn.applied.TaxRates).toBe(1);
    const created = h.standIn.records(TENANT, 'TaxRates').find((t) => t.Name === 'Luxury Car Tax')!;
    expect((await store.all(TENANT, 'tax-rules'))[0]!.target).toBe(created.TaxType);
  });

  it('finishes a batch cut off after Xero was written (a crash) when the same key is sent again, writing nothing twice', async () => {
    const rows = await customerRows(source, 30);
    // The proxy dies after Xero answered and before the store was written: simulate by failing the store's transaction once.
    const original = store.finishBatch.bind(store);
    let crashed = false;
    store.finishBatch = ((f: Parameters<MappingStore['finishBatch']>[0]) => {
      if (!crashed) {
        crashed = true;
        throw new Error('killed');
      }
      return original(f);
    }) as MappingStore['finishBatch'];
    await expect(applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'xero-crash-1', who: 'Ada' })).rejects.toThrow('killed');
    expect(await stored()).toBe(0);
    expect(auditCount()).toBe(0);
    const replay = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'xero-crash-1', who: 'Ada' });
    expect(replay.results.filter((r) => r.result === 'written')).toHaveLength(30);
    expect(h.standIn.applied.Contacts).toBe(30);
    expect(await stored()).toBe(30);
    expect(auditCount()).toBe(30);
  });
});
