import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../core/domain';
import { ledgerFromRaw, MalformedResponseError } from '../xero/deserialize';
import type { RawBodies } from '../xero/deserialize';
import { endpointNames } from '../xero/raw';
import type { ContactDefaults, WriteResult } from '../../core/mapping/writes';
import type { OrganisationSource, OrganisationWrites, TableRead } from './source';

/** Freezes every record, so that nothing reading the organisation can change it by accident. */
function freezeLedger(ledger: Ledger): Ledger {
  for (const table of Object.values(ledger)) {
    if (!Array.isArray(table)) continue;
    for (const record of table as object[]) {
      for (const value of Object.values(record)) if (value && typeof value === 'object') Object.freeze(value);
      Object.freeze(record);
    }
    Object.freeze(table);
  }
  return ledger;
}

/** A snapshot folder that cannot be served, with the file (and field) at fault. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/** Reads the raw Xero bodies of a snapshot folder, one `<Endpoint>.json` per endpoint. */
function readSnapshotBodies(folder: string): RawBodies {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new SnapshotError(`Snapshot folder ${folder} does not exist or is not a folder`);
  }
  const bodies = {} as RawBodies;
  for (const name of endpointNames) {
    const file = path.join(folder, `${name}.json`);
    if (!fs.existsSync(file)) {
      throw new SnapshotError(`Snapshot ${folder}: ${name}.json is missing (each endpoint needs its own file)`);
    }
    const text = fs.readFileSync(file, 'utf8');
    try {
      bodies[name] = JSON.parse(text);
    } catch (err) {
      throw new SnapshotError(`Snapshot ${folder}: ${name}.json is not valid JSON: ${(err as Error).message}`);
    }
  }
  return bodies;
}

/** Turns raw bodies into a ledger, reporting a malformed body as the file and field at fault. */
function ledgerFromSnapshot(folder: string, bodies: RawBodies): Ledger {
  try {
    return ledgerFromRaw(bodies, 'snapshot');
  } catch (err) {
    if (err instanceof MalformedResponseError) {
      throw new SnapshotError(`Snapshot ${folder}: ${err.endpoint}.json: field ${err.field}: ${err.problem}`);
    }
    throw new SnapshotError(`Snapshot ${folder}: ${(err as Error).message}`);
  }
}

/**
 * An organisation served from a snapshot folder. The files are read once; writes (mapping
 * write-back and the like) go to this in-memory copy only, so every flow can be tried end to end
 * without touching the folder.
 */
export class SnapshotSource implements OrganisationSource {
  readonly kind = 'snapshot' as const;
  private ledger: Ledger;
  private readonly loadedAt: string;

  private constructor(
    readonly folder: string,
    ledger: Ledger,
    now: Date,
  ) {
    this.ledger = ledger;
    this.loadedAt = now.toISOString();
  }

  static load(folder: string, now: Date = new Date()): SnapshotSource {
    const absolute = path.resolve(folder);
    return new SnapshotSource(absolute, freezeLedger(ledgerFromSnapshot(absolute, readSnapshotBodies(absolute))), now);
  }

  get organisation() {
    return this.ledger.organisation;
  }

  /** Writes change the in-memory copy only (new arrays, so readers' indexes see the change); keys make them idempotent. */
  private readonly done = new Map<string, WriteResult[]>();

  readonly writes: OrganisationWrites = {
    updateContactDefaults: async (changes: readonly ContactDefaults[], key: string) => {
      const seen = this.done.get(key);
      if (seen) return seen;
      const byId = new Map(changes.map((c) => [c.contactId, c]));
      const now = new Date().toISOString();
      const found = new Set<string>();
      const contacts = this.ledger.contacts.map((c) => {
        const change = byId.get(c.contactId);
        if (!change) return c;
        found.add(c.contactId);
        return Object.freeze({
          ...c,
          salesDefaultAccountCode: change.salesDefaultAccountCode,
          accountsReceivableTaxType: change.accountsReceivableTaxType,
          updatedAt: now,
        });
      });
      this.ledger = { ...this.ledger, contacts: Object.freeze(contacts) as typeof contacts };
      const results = changes.map((c) =>
        found.has(c.contactId) ? { id: c.contactId, ok: true, message: 'updated' } : { id: c.contactId, ok: false, message: 'The contact does not exist' },
      );
      this.done.set(key, results);
      return results;
    },
    setPaymentsEnabled: async (accountId: string, enabled: boolean, key: string) => {
      const seen = this.done.get(key);
      if (seen) return seen[0] as WriteResult;
      let ok = false;
      const now = new Date().toISOString();
      const accounts = this.ledger.accounts.map((a) => {
        if (a.accountId !== accountId) return a;
        ok = true;
        return Object.freeze({ ...a, enablePaymentsToAccount: enabled, updatedAt: now });
      });
      this.ledger = { ...this.ledger, accounts: Object.freeze(accounts) as typeof accounts };
      const result = { id: accountId, ok, message: ok ? (enabled ? 'payments enabled' : 'payments disabled') : 'The account does not exist' };
      this.done.set(key, [result]);
      return result;
    },
    createTaxRate: async (rate: { name: string; percent: string }, key: string) => {
      const seen = this.done.get(key);
      if (seen) return seen[0] as WriteResult;
      const taxType = `TAX${String(this.ledger.taxRates.length + 1).padStart(3, '0')}`;
      const created = Object.freeze({
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
      this.ledger = { ...this.ledger, taxRates: Object.freeze([...this.ledger.taxRates, created]) as typeof this.ledger.taxRates };
      const result = { id: taxType, ok: true, message: `tax rate ${taxType} created` };
      this.done.set(key, [result]);
      return result;
    },
  };

  usage() {
    return { dayRemaining: null, minuteRemaining: null };
  }

  async read<K extends Exclude<keyof Ledger, 'organisation'>>(table: K): Promise<TableRead<K>> {
    // The same read-only arrays every time (no copies), so reports can keep their index of them.
    return { records: this.ledger[table], fetchedAt: this.loadedAt };
  }
}
