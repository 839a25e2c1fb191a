import type { MappingKind } from '../../core/mapping/rows';
import type { OrganisationSource } from '../sources/source';
import { badRequest } from '../errors';
import type { MappingStore } from './store';
import { runChecks, runPlan, tablesKey } from './checks-pool';
import { parseRows, plannedRows } from './plan-answer';
import { inTurn } from '../turns';

export type { Planned } from './plan-answer';

/** The Xero tables a plan checks against, as fresh as the source keeps them. */
async function xeroTables(source: OrganisationSource) {
  const [accounts, taxRates, contacts] = await Promise.all([source.read('accounts'), source.read('taxRates'), source.read('contacts')]);
  const tables = { accounts: accounts.records, taxRates: taxRates.records, contacts: contacts.records };
  return { tables, tablesKey: tablesKey(tables) };
}

/**
 * A plan for the reviewer (the plan route), from its body as sent (JSON text) to the answer's JSON text. Where there
 * are worker threads, all of it — reading the body with the route's schema, the checks and suggestions, the change
 * each row makes and the answer's JSON — is done in one of them (checks-pool.ts). The body names the kind, so each
 * kind's stored mappings go with it (read again only when their version moved).
 */
export async function planAnswerText(store: MappingStore, source: OrganisationSource, body: string): Promise<string> {
  const [{ tables, tablesKey: key }, stored] = await Promise.all([xeroTables(source), store.currentAll(source.organisation.tenantId)]);
  const outcome = await runPlan({ body, tables, tablesKey: key, stored });
  if ('refused' in outcome) throw badRequest(outcome.refused.message, outcome.refused.problems.length > 0 ? outcome.refused.problems : undefined);
  return outcome.answer;
}

/** Checks and the change each row would make, against fresh Xero data and the store: what applying needs. */
export async function planMapping(store: MappingStore, source: OrganisationSource, kind: MappingKind, raw: readonly unknown[]) {
  const [{ tables, tablesKey: key }, stored] = await Promise.all([xeroTables(source), store.currentAt(source.organisation.tenantId, kind)]);
  // Reading the rows and, after the checks, putting the answer together take turns of the event loop in the order
  // the requests came (turns.ts); the checks run in worker threads where there are any (checks-pool.ts).
  const { rows, problems: shapeProblems } = await inTurn(() => parseRows(raw));
  // Applying needs the checks, not the suggestions: those are for the reviewer's preview.
  const checked = await runChecks({ kind, rows, tables, tablesKey: key, suggest: false });
  return inTurn(() => plannedRows({ stored: stored.mappings, version: stored.version }, kind, { rows, shapeProblems, checked }));
}
