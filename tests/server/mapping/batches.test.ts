import { AppError } from '../../../server/errors';
import { applyMapping } from '../../../server/mapping/apply';
import { revertBatch } from '../../../server/mapping/revert';
import { sqliteStore } from '../../../server/storage/sql';
import { MappingStore } from '../../../server/mapping/store';
import { XeroSource } from '../../../server/sources/xero';
import { customerRows, organisation, TENANT, xeroHarness } from '../xero-harness';

type Harness = Awaited<ReturnType<typeof xeroHarness>>;

/** What is written is what was reviewed: batches claimed atomically, keys bound to their request, reverts that say what happened (issue 11). */
describe('mapping batches', () => {
  let h: Harness;
  let store: MappingStore;
  let source: XeroSource;
  beforeEach(async () => {
    h = await xeroHarness();
    store = new MappingStore(sqliteStore(h.db));
    source = new XeroSource(h.gateway, h.connectionId, organisation);
  });
  afterEach(async () => h.close());

  const count = (table: string) => (h.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it('answers "still being written" to the same key while its batch waits on Xero, and writes the batch once', async () => {
    const rows = await customerRows(source, 12);
    let entered!: () => void;
    const inXero = new Promise<void>((r) => (entered = r));
    let letGo!: () => void;
    const gate = new Promise<void>((r) => (letGo = r));
    const write = source.writes.updateContactDefaults.bind(source.writes);
    source.writes.updateContactDefaults = async (changes, key) => {
      entered();
      await gate;
      return write(changes, key);
    };
    const input = { kind: 'customers' as const, planVersion: 0, rows, key: 'raced-key-1', who: 'Ada' };
    const first = applyMapping(store, source, input);
    await inXero;
    const second = await refusal(applyMapping(store, source, input));
    expect(second).toBeInstanceOf(AppError);
    expect(second).toMatchObject({ status: 409, message: expect.stringMatching(/still being written/) });
    letGo();
    const answer = await first;
    expect(answer.results.filter((r) => r.result === 'written')).toHaveLength(12);
    expect(count('mapping_batches')).toBe(1);
    expect(count('mapping_audit')).toBe(12);
    expect(h.standIn.applied.Contacts).toBe(12);
    const replay = await applyMapping(store, source, input);
    expect(replay).toMatchObject({ batchId: answer.batchId, replayed: true });
  });

  it('refuses a revert sent with another request’s key (409), and reverts nothing', async () => {
    const rows = await customerRows(source, 3);
    const applied = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'apply-key-1', who: 'Ada' });
    const refused = await refusal(revertBatch(store, source, { batchId: applied.batchId!, key: 'apply-key-1', who: 'Ada' }));
    expect(refused).toMatchObject({ status: 409, message: expect.stringMatching(/used for a different request/) });
    expect(await store.all(TENANT, 'customers')).toHaveLength(3);
  });

  it('marks the rows Xero refuses to put back Failed with its reason, the rest Reverted, and keeps the failed mappings', async () => {
    const rows = await customerRows(source, 6);
    const applied = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'apply-key-2', who: 'Ada' });
    h.standIn.refuse.set(rows[1]!.target, 'This contact is being merged');
    h.standIn.refuse.set(rows[4]!.target, 'Contact is archived in Xero');
    const reverted = await revertBatch(store, source, { batchId: applied.batchId!, key: 'revert-key-2', who: 'Ada' });
    const byRow = new Map(reverted.results.map((r) => [r.row, r]));
    expect(byRow.get(rows[1]!.row)).toMatchObject({ result: 'failed', message: expect.stringMatching(/This contact is being merged/) });
    expect(byRow.get(rows[4]!.row)).toMatchObject({ result: 'failed', message: expect.stringMatching(/Contact is archived in Xero/) });
    expect(reverted.results.filter((r) => r.result === 'reverted')).toHaveLength(4);
    expect((await store.all(TENANT, 'customers')).map((m) => m.source).sort()).toEqual(['POS-1', 'POS-4']);
  });

  it('lets a revert that Xero refused entirely be tried again', async () => {
    const rows = await customerRows(source, 2);
    const applied = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'apply-key-3', who: 'Ada' });
    for (const r of rows) h.standIn.refuse.set(r.target, 'Xero is busy with this contact');
    const first = await revertBatch(store, source, { batchId: applied.batchId!, key: 'revert-key-3a', who: 'Ada' });
    expect(first.results.map((r) => r.result)).toEqual(['failed', 'failed']);
    expect((await store.history(TENANT)).find((b) => b.id === applied.batchId)?.revertedBy).toBeNull();
    h.standIn.refuse.clear();
    const second = await revertBatch(store, source, { batchId: applied.batchId!, key: 'revert-key-3b', who: 'Ada' });
    expect(second.results.map((r) => r.result)).toEqual(['reverted', 'reverted']);
    expect(await store.all(TENANT, 'customers')).toHaveLength(0);
  });

  it('makes no batch when no row is Approved', async () => {
    const rows = await customerRows(source, 4, 'Draft');
    const refused = await refusal(applyMapping(store, source, { kind: 'customers', planVersion: 0, rows, key: 'nothing-approved', who: 'Ada' }));
    expect(refused).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Nothing was written: no Approved row has a change to make \(4 not approved\)/),
    });
    expect(count('mapping_batches')).toBe(0);
    expect(h.standIn.applied.Contacts ?? 0).toBe(0);
  });

  it('refuses a plan version the store never had', async () => {
    const rows = await customerRows(source, 2);
    const refused = await refusal(applyMapping(store, source, { kind: 'customers', planVersion: 7, rows, key: 'future-version', who: 'Ada' }));
    expect(refused).toMatchObject({ status: 409, message: expect.stringMatching(/version 7, which this proxy never had \(it is at 0\)/) });
    expect(count('mapping_batches')).toBe(0);
  });

  it('applies a large sheet in parts named as one run: each part a batch of the run, a part with nothing to write no batch', async () => {
    const rows = await customerRows(source, 6);
    const [first, second] = [rows.slice(0, 3), rows.slice(3)];
    const run = 'run-large-sheet-1';
    const a = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows: first, run, key: 'part-key-1', who: 'Ada' });
    const b = await applyMapping(store, source, { kind: 'customers', planVersion: 0, rows: second, run, key: 'part-key-2', who: 'Ada' });
    expect([a.batchId, b.batchId].every((id) => typeof id === 'string')).toBe(true);
    const inRun = (await store.history(TENANT)).filter((x) => x.run === run);
    expect(inRun.map((x) => x.id).sort()).toEqual([a.batchId, b.batchId].sort());
    expect(inRun.map((x) => x.changes)).toEqual([3, 3]);
    // The same rows again: nothing to write; as a part of a run it answers each row and makes no batch.
    const again = await applyMapping(store, source, {
      kind: 'customers',
      planVersion: await store.version(TENANT, 'customers'),
      rows: first,
      run,
      key: 'part-key-3',
      who: 'Ada',
    });
    expect(again.batchId).toBeNull();
    expect(again.results.map((r) => r.result)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(count('mapping_batches')).toBe(2);
  });
});
