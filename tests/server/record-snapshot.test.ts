import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotSource } from '../../server/sources/snapshot';
import { XeroSource } from '../../server/sources/xero';
import { connectionForTenant, recordSnapshot } from '../../server/xero/record-snapshot';
import { organisation, TENANT, xeroHarness } from './xero-harness';

describe('npm run snapshot: recording a connected organisation', () => {
  it('writes a snapshot folder that serves the same records as Xero', async () => {
    const h = await xeroHarness();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'recorded-'));
    try {
      expect(connectionForTenant(h.db, TENANT)).toBe(h.connectionId);
      expect(connectionForTenant(h.db, 'unknown-tenant')).toBeNull();
      const recorded = await recordSnapshot(h.gateway, h.connectionId, TENANT, folder);
      expect(recorded.counts.Invoices).toBe(h.standIn.records(TENANT, 'Invoices').length);

      const snapshot = SnapshotSource.load(folder);
      expect(snapshot.organisation.tenantId).toBe(TENANT);
      const live = new XeroSource(h.gateway, h.connectionId, organisation);
      for (const table of ['accounts', 'taxRates', 'contacts', 'items', 'invoices', 'creditNotes', 'payments', 'overpayments', 'prepayments'] as const) {
        const fromSnapshot = (await snapshot.read(table)).records;
        const fromXero = (await live.read(table)).records;
        expect(fromSnapshot).toEqual(fromXero);
      }
      // The raw files hold Xero's own date format.
      expect(fs.readFileSync(path.join(folder, 'Invoices.json'), 'utf8')).toMatch(/"Date": "\/Date\(\d+\+0000\)\/"/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      await h.close();
    }
  });
});
