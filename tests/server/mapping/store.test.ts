import { MappingStore } from '../../../server/mapping/store';
import { openDatabase } from '../../../server/storage/db';
import { sqliteStore } from '../../../server/storage/sql';

const TENANT = 'tenant-store-test';

/** Issue 14: a plan does not read every stored mapping again while none has changed, and never misses a change. */
describe('stored mappings as plans read them', () => {
  const db = openDatabase(':memory:');
  // Two proxies on one database, each with its own store (and what it keeps between plans).
  const here = new MappingStore(sqliteStore(db));
  const there = new MappingStore(sqliteStore(db));
  let batches = 0;

  async function write(store: MappingStore, changes: Array<[string, string | null]>) {
    const id = `batch-${++batches}`;
    const at = new Date().toISOString();
    await store.startBatch({ id, tenantId: TENANT, kind: 'accounts', key: `key-${id}`, requestHash: id, who: 'test', at, reverts: null, run: null });
    await store.finishBatch({
      tenantId: TENANT,
      kind: 'accounts',
      batchId: id,
      who: 'test',
      at,
      changes: changes.map(([sourceCode, target]) => ({
        sourceCode,
        row: null,
        before: null,
        after: target ? { target, details: { role: 'revenue' } } : null,
        xeroBefore: null,
        xeroAfter: null,
      })),
      response: (version) => ({ version }),
    });
  }

  it('keeps a reading while the version stands, and reads again after any proxy wrote', async () => {
    await write(here, [
      ['POS-1', '200'],
      ['POS-2', '400'],
    ]);
    const first = await here.currentAt(TENANT, 'accounts');
    expect(first.version).toBe(1);
    expect([...first.mappings.keys()]).toEqual(['pos-1', 'pos-2']);
    // Nothing written since: the same reading, not the mappings read again.
    expect(await here.currentAt(TENANT, 'accounts')).toBe(first);

    // The other proxy changes one mapping and removes another.
    await write(there, [
      ['POS-1', '260'],
      ['POS-2', null],
    ]);
    const after = await here.currentAt(TENANT, 'accounts');
    expect(after.version).toBe(2);
    expect(after.key).not.toBe(first.key);
    expect([...after.mappings.values()].map((m) => [m.source, m.target])).toEqual([['POS-1', '260']]);
    // What is kept is per organisation and kind: another kind is its own reading.
    expect((await here.currentAt(TENANT, 'customers')).mappings.size).toBe(0);
  });
});
