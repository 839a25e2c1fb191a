import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../core/domain';
import { ledgerFromRaw, MalformedResponseError, organisationFromRaw, tableFromRaw } from '../xero/deserialize';
import type { RawBodies } from '../xero/deserialize';
import { endpointNames } from '../xero/raw';
import type { EndpointName } from '../xero/raw';

/** A snapshot folder that cannot be served, with the file (and field) at fault. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/** Freezes every record, so that nothing reading the organisation can change it by accident. */
export function freezeRecords<T extends object>(table: readonly T[]): readonly T[] {
  for (const record of table) {
    for (const value of Object.values(record)) if (value && typeof value === 'object') Object.freeze(value);
    Object.freeze(record);
  }
  return Object.freeze(table);
}

function checkFolder(folder: string): void {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new SnapshotError(`Snapshot folder ${folder} does not exist or is not a folder`);
  }
}

/** Reads one endpoint's raw body from a snapshot folder. */
function readBody(folder: string, name: EndpointName): unknown {
  const file = path.join(folder, `${name}.json`);
  if (!fs.existsSync(file)) {
    throw new SnapshotError(`Snapshot ${folder}: ${name}.json is missing (each endpoint needs its own file)`);
  }
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`Snapshot ${folder}: ${name}.json is not valid JSON: ${(err as Error).message}`);
  }
}

/** Runs a read of a snapshot's bodies, reporting a malformed body as the file and field at fault. */
function reporting<T>(folder: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    if (err instanceof MalformedResponseError) {
      throw new SnapshotError(`Snapshot ${folder}: ${err.endpoint}.json: field ${err.field}: ${err.problem}`);
    }
    throw new SnapshotError(`Snapshot ${folder}: ${(err as Error).message}`);
  }
}

/** The organisation and its small tables (accounts, tax rates, items): what is read from the folder on every start. */
export function smallPartOfSnapshot(folder: string): Pick<Ledger, 'organisation' | 'accounts' | 'taxRates' | 'items'> {
  checkFolder(folder);
  return reporting(folder, () => {
    const organisation = organisationFromRaw(readBody(folder, 'Organisation'), 'snapshot');
    const base = organisation.baseCurrency;
    return {
      organisation,
      accounts: tableFromRaw('accounts', readBody(folder, 'Accounts'), base),
      taxRates: tableFromRaw('taxRates', readBody(folder, 'TaxRates'), base),
      items: tableFromRaw('items', readBody(folder, 'Items'), base),
    };
  });
}

/** Reads a snapshot folder into a ledger, every file checked against Xero's format. */
export function ledgerFromSnapshot(folder: string): Ledger {
  checkFolder(folder);
  const bodies = {} as RawBodies;
  for (const name of endpointNames) bodies[name] = readBody(folder, name);
  return reporting(folder, () => ledgerFromRaw(bodies, 'snapshot'));
}

/**
 * What identifies a snapshot folder's contents without reading them: each endpoint file's name, size and time of
 * last change. A copy kept of the folder's records is used while this stays the same.
 */
export function folderFingerprint(folder: string): string | null {
  checkFolder(folder);
  const hash = crypto.createHash('sha256');
  for (const name of endpointNames) {
    const file = path.join(folder, `${name}.json`);
    if (!fs.existsSync(file)) return null;
    const stat = fs.statSync(file);
    hash.update(`${name}\u0000${stat.size}\u0000${Math.trunc(stat.mtimeMs)}\u0000`);
  }
  return hash.digest('hex');
}
