import type { Account, Contact, TaxRate } from '../../core/domain';
import type { ContactDefaults, WriteResult } from '../../core/mapping/writes';
import type { SnapshotSource } from './snapshot';
import type { OrganisationWrites } from './source';

/**
 * What mappings write into a snapshot organisation: this proxy's copy changes (new arrays, so that readers'
 * indexes see the change), never the folder. Each idempotency key is answered once, then with the same results.
 */
export function snapshotWrites(source: SnapshotSource): OrganisationWrites {
  const once = async (key: string, write: () => Promise<WriteResult[]>): Promise<WriteResult[]> => {
    const seen = source.done.get(key);
    if (seen) return seen;
    const results = await write();
    source.done.set(key, results);
    return results;
  };
  return {
    updateContactDefaults: (changes: readonly ContactDefaults[], key: string) =>
      once(key, async () => {
        const byId = new Map(changes.map((c) => [c.contactId, c]));
        const now = new Date().toISOString();
        const changed: Contact[] = [];
        const contacts = (await source.read('contacts')).records.map((c) => {
          const change = byId.get(c.contactId);
          if (!change) return c;
          const updated = Object.freeze({
            ...c,
            salesDefaultAccountCode: change.salesDefaultAccountCode,
            accountsReceivableTaxType: change.accountsReceivableTaxType,
            updatedAt: now,
          });
          changed.push(updated);
          return updated;
        });
        source.replace('contacts', contacts, changed);
        const found = new Set(changed.map((c) => c.contactId));
        return changes.map((c) =>
          found.has(c.contactId) ? { id: c.contactId, ok: true, message: 'updated' } : { id: c.contactId, ok: false, message: 'The contact does not exist' },
        );
      }),
    setPaymentsEnabled: async (accountId: string, enabled: boolean, key: string) =>
      (
        await once(key, async () => {
          let ok = false;
          const now = new Date().toISOString();
          const accounts = source.small.accounts.map((a): Account => {
            if (a.accountId !== accountId) return a;
            ok = true;
            return Object.freeze({ ...a, enablePaymentsToAccount: enabled, updatedAt: now });
          });
          source.small = { ...source.small, accounts: Object.freeze(accounts) as Account[] };
          return [{ id: accountId, ok, message: ok ? (enabled ? 'payments enabled' : 'payments disabled') : 'The account does not exist' }];
        })
      )[0] as WriteResult,
    createTaxRate: async (rate: { name: string; percent: string }, key: string) =>
      (
        await once(key, async () => {
          const taxType = `TAX${String(source.small.taxRates.length + 1).padStart(3, '0')}`;
          const created: TaxRate = Object.freeze({
            taxType,
            name: rate.name,
            status: 'ACTIVE',
            reportTaxType: 'OUTPUT',
            effectiveRate: rate.percent,
            displayRate: rate.percent,
            components: Object.freeze([{ name: 'Tax', rate: rate.percent, isCompound: false, isNonRecoverable: false }]) as never,
            canApplyToAssets: true,
            canApplyToEquity: true,
            canApplyToExpenses: true,
            canApplyToLiabilities: true,
            canApplyToRevenue: true,
          });
          source.small = { ...source.small, taxRates: Object.freeze([...source.small.taxRates, created]) as TaxRate[] };
          return [{ id: taxType, ok: true, message: `tax rate ${taxType} created` }];
        })
      )[0] as WriteResult,
  };
}
