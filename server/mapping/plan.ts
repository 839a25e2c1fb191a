import type { MappingKind } from '../../core/mapping/rows';
import type { OrganisationSource } from '../sources/source';
import type { MappingStore } from './store';
import { runChecks, runPlan, tablesKey } from './checks-pool';
import { parseRows, plannedRows } from './plan-answer';
import { inTurn } from './turns';

export type { Planned } from './plan-answer';

/** What every plan reads: the Xero tables (as fresh as the source keeps them) and the mappings stored. */
async function planInputs(store: MappingStore, source: OrganisationSource, kind: MappingKind) {
  const [accounts, taxRates, contacts, stored] = await Promise.all([
    source.read('accounts'),
    source.read('taxRates'),
    source.read('contacts'),
    store.currentAt(source.organisation.tenantId, kind),
  ]);
  const tables = { accounts: accounts.records, taxRates: taxRates.records, contacts: contacts.records };
  return { tables, tablesKey: tablesKey(tables), stored };
}

/**
 * A plan for the reviewer (the plan route): checks, suggestions and the change each row would make, answered as the
 * JSON text of the route's answer. Where there are worker threads, all of it — reading the rows, the checks, the
 * answer and its JSON — is done in one of them, and this thread only passes the rows on (checks-pool.ts).
 */
export async function planAnswerText(store: MappingStore, source: OrganisationSource, kind: MappingKind, raw: readonly unknown[]): Promise<string> {
  const { tables, tablesKey: key, stored } = await planInputs(store, source, kind);
  return runPlan({ kind, rows: raw, tables, tablesKey: key, suggest: true, stored: stored.mappings, storedKey: stored.id, version: stored.version });
}

/** Checks and the change each row would make, against fresh Xero data and the store: what applying needs. */
export async function planMapping(store: MappingStore, source: OrganisationSource, kind: MappingKind, raw: readonly unknown[]) {
  const { tables, tablesKey: key, stored } = await planInputs(store, source, kind);
  // Reading the rows and, after the checks, putting the answer together take turns of the event loop in the order
  // the requests came (turns.ts); the checks run in worker threads where there are any (checks-pool.ts).
  const { rows, problems: shapeProblems } = await inTurn(() => parseRows(raw));
  // Applying needs the checks, not the suggestions: those are for the reviewer's preview.
  const checked = await runChecks({ kind, rows, tables, tablesKey: key, suggest: false });
  return inTurn(() => plannedRows({ stored: stored.mappings, version: stored.version }, kind, { rows, shapeProblems, checked }));
}
