import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../core/domain';
import { ledgerFromRaw, MalformedResponseError } from '../xero/deserialize';
import type { RawBodies } from '../xero/deserialize';
import { endpointNames } from '../xero/raw';
import type { OrganisationSource, TableRead } from './source';

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
export function readSnapshotBodies(folder: string): RawBodies {
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
export function ledgerFromSnapshot(folder: string, bodies: RawBodies): Ledger {
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

  usage() {
    return { dayRemaining: null, minuteRemaining: null };
  }

  async read<K extends Exclude<keyof Ledger, 'organisation'>>(table: K): Promise<TableRead<K>> {
    // The same read-only arrays every time (no copies), so reports can keep their index of them.
    return { records: this.ledger[table], fetchedAt: this.loadedAt };
  }
}
