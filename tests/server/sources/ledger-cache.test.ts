import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ageingQuerySchema } from '../../../core/contract';
import { generateDemo } from '../../../scripts/demo/generator';
import { buildAgeing, readReportLedger } from '../../../server/reports/build';
import { LedgerCache } from '../../../server/sources/ledger-cache';
import { tableBytes } from '../../../server/sources/sizes';
import { SnapshotSource } from '../../../server/sources/snapshot';
import { SnapshotStore } from '../../../server/sources/snapshot-store';
import { openDatabase } from '../../../server/storage/db';
import { XeroCache } from '../../../server/xero/cache';
import { endpointNames, endpoints } from '../../../server/xero/raw';

/**
 * Issue 14: organisations' tables live in an LRU with a byte budget (LEDGER_CACHE_MB); the organisation used least
 * recently is dropped, and read again from the store when next used, with the same reports as before.
 */
const QUERY = ageingQuerySchema.parse({ asAt: '2026-10-31', detail: 'invoices' });
const NOW = new Date('2026-11-01T00:00:00Z');

/** A snapshot folder of a generated organisation with its own tenant id. */
function folderOf(dir: string, seed: string, tenantId: string): string {
  const folder = path.join(dir, seed);
  fs.mkdirSync(folder, { recursive: true });
  const bodies = generateDemo({ seed, customers: 60, suppliers: 10, salesInvoices: 500, bills: 80 });
  for (const name of endpointNames) {
    const body = bodies[name] as Record<string, Record<string, unknown>[]>;
    if (name === 'Organisation') (body[endpoints.Organisation.key] as Record<string, unknown>[])[0]!.OrganisationID = tenantId;
    fs.writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(body));
  }
  return folder;
}

describe('the ledger cache', () => {
  it('drops the organisation used least recently when a table goes over the budget, all its tables at once', () => {
    const cache = new LedgerCache(1);
    const mb = 2 ** 20;
    cache.put('a', 'invoices', 'A invoices', 0.3 * mb);
    cache.put('a', 'payments', 'A payments', 0.2 * mb);
    cache.put('b', 'invoices', 'B invoices', 0.3 * mb);
    expect(cache.get('a', 'invoices')).toBe('A invoices'); // a is now the most recently used
    cache.put('c', 'invoices', 'C invoices', 0.4 * mb);
    expect(cache.get('b', 'invoices')).toBeUndefined();
    expect(cache.get('a', 'payments')).toBe('A payments');
    expect(cache.get('c', 'invoices')).toBe('C invoices');
    expect(cache.bytes).toBeLessThanOrEqual(cache.budgetBytes);
    expect(cache.evictions).toBe(1);
  });

  it('keeps nothing of an organisation larger than the whole budget', () => {
    const cache = new LedgerCache(1);
    cache.put('big', 'invoices', 'too big', 2 * 2 ** 20);
    expect(cache.get('big', 'invoices')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('counts a table by what its records take (more records, more bytes; longer text, more bytes)', () => {
    const record = (name: string) => ({ id: 'x'.repeat(36), name, total: 12_345, rate: 0.6512 });
    const small = tableBytes(Array.from({ length: 100 }, () => record('A')));
    expect(tableBytes(Array.from({ length: 1000 }, () => record('A')))).toBeCloseTo(small * 10, -3);
    expect(tableBytes(Array.from({ length: 100 }, () => record('A much longer contact name than that')))).toBeGreaterThan(small);
  });
});

describe('snapshot organisations under a budget', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-ledgers-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('read from the store when used again after being dropped, with the same reports and the writes made meanwhile', async () => {
    const db = openDatabase(path.join(dir, 'bridge.db'));
    const store = new SnapshotStore(db, new XeroCache(db));
    const folders = ['org-1', 'org-2', 'org-3'].map((seed, i) => folderOf(dir, seed, `00000000-0000-4000-8000-00000000000${i + 1}`));
    // Unbounded: every organisation stays in memory, and each folder is kept in the store.
    const expected = await Promise.all(
      folders.map(async (f) => buildAgeing(await readReportLedger(SnapshotSource.load(f, { store, now: NOW })), QUERY, NOW).rows),
    );

    // A budget that holds one of them (each takes about 0.3 MB): using them in turn drops the others.
    const ledgers = new LedgerCache(0.4);
    const sources = folders.map((f) => SnapshotSource.load(f, { store, ledgers, now: NOW }));
    const [first] = sources;
    const contact = (await first!.read('contacts')).records[0]!;
    await first!.writes.updateContactDefaults([{ contactId: contact.contactId, salesDefaultAccountCode: '200', accountsReceivableTaxType: 'OUTPUT' }], 'key-1');
    for (let round = 0; round < 2; round++)
      for (const [i, source] of sources.entries()) {
        expect(buildAgeing(await readReportLedger(source), QUERY, NOW).rows).toEqual(expected[i]);
        expect(ledgers.bytes).toBeLessThanOrEqual(ledgers.budgetBytes);
      }
    expect(ledgers.evictions).toBeGreaterThanOrEqual(4);
    // The write outlived its organisation being dropped and read again.
    const again = (await first!.read('contacts')).records.find((c) => c.contactId === contact.contactId);
    expect(again?.salesDefaultAccountCode).toBe('200');
    db.close();
  });

  it('reads a folder once: a later start reads the kept copy, and a changed folder is read again', async () => {
    const db = openDatabase(path.join(dir, 'once.db'));
    const store = new SnapshotStore(db, new XeroCache(db));
    const folder = folderOf(dir, 'org-once', '00000000-0000-4000-8000-0000000000aa');
    const direct = SnapshotSource.load(folder);
    SnapshotSource.load(folder, { store, now: NOW });
    expect(store.importedAt('00000000-0000-4000-8000-0000000000aa')).toBe(NOW.toISOString());

    // The next start: the large files are not read (a broken one would stop it), the kept copy is.
    const invoicesFile = path.join(folder, 'Invoices.json');
    const text = fs.readFileSync(invoicesFile);
    const stat = fs.statSync(invoicesFile);
    fs.writeFileSync(invoicesFile, Buffer.alloc(text.length, ' '));
    fs.utimesSync(invoicesFile, stat.atimeMs / 1000, stat.mtimeMs / 1000);
    const later = SnapshotSource.load(folder, { store, now: new Date('2026-11-02T00:00:00Z') });
    for (const table of ['invoices', 'creditNotes', 'payments', 'overpayments', 'prepayments', 'contacts'] as const)
      expect((await later.read(table)).records).toEqual((await direct.read(table)).records);

    // A folder whose files changed is read and checked again.
    fs.writeFileSync(invoicesFile, '{ not json');
    expect(() => SnapshotSource.load(folder, { store })).toThrow(/Invoices.json is not valid JSON/);
    db.close();
  });
});
