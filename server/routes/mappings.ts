import type { PlanResponse } from '../../core/contract';
import { inertCsvText } from '../../core/formula';
import { mappingDrift } from '../../core/mapping/drift';
import { xeroLookup } from '../../core/mapping/xero-data';
import { AppError } from '../errors';
import { csvFile } from '../files/answers';
import { writeLimit } from '../http/rate-limits';
import type { LimitCounts } from '../http/rate-limits';
import { JsonText, withBodyText } from '../http/route-table';
import type { RouteHandlers } from '../http/route-table';
import { applyMapping } from '../mapping/apply';
import { planAnswerText } from '../mapping/plan';
import { revertBatch } from '../mapping/revert';
import type { MappingStore } from '../mapping/store';
import type { OrganisationSource } from '../sources/source';

/** The workbook's organisation (sent by the pane) must be the one written to. */
function checkWorkbook(bound: string | undefined, source: OrganisationSource): void {
  if (bound && bound !== source.organisation.tenantId) {
    throw new AppError(
      'conflict',
      `This workbook's sheets came from another organisation than "${source.organisation.name}": nothing was written; open the workbook of this organisation, or choose its organisation on the Connect tab`,
    );
  }
}

export function mappingHandlers(store: MappingStore, counts: LimitCounts): RouteHandlers {
  const writes = writeLimit(counts);
  return {
    // Read, checked and answered in a worker thread: this thread passes the body on as sent.
    mappingPlan: withBodyText<'mappingPlan'>(async ({ body }, { source }) => new JsonText<PlanResponse>(await planAnswerText(store, source, body.text))),

    mappingApply: {
      use: [writes],
      handle: async ({ body, headers }, { source, session }) => {
        checkWorkbook(headers['x-workbook-organisation'], source);
        const key = headers['idempotency-key'];
        return applyMapping(store, source, {
          kind: body.kind,
          planVersion: body.planVersion,
          rows: body.rows,
          run: body.run ?? null,
          key,
          who: session.userName,
        });
      },
    },

    mappings: async ({ query }, { source }) => {
      const mappings = await store.all(source.organisation.tenantId, query.kind);
      if (query.format !== 'csv') return { mappings };
      const details = (d: Record<string, string>) =>
        Object.entries(d)
          .map(([k, v]) => `${k}=${v}`)
          .join('; ');
      return csvFile(`mappings-${query.kind ?? 'all'}`, [
        ['Kind', 'Source', 'Target', 'Details', 'Version', 'Batch', 'Updated'],
        ...mappings.map((m) => [
          m.kind,
          inertCsvText(m.source),
          inertCsvText(m.target),
          inertCsvText(details(m.details)),
          String(m.version),
          m.batchId,
          m.updatedAt,
        ]),
      ]);
    },

    /** Stored mappings that no longer fit Xero (a target archived, deleted or changed type). */
    mappingDrift: async (_input, { source }) => {
      const [accounts, taxRates, contacts] = await Promise.all([source.read('accounts'), source.read('taxRates'), source.read('contacts')]);
      const lookup = xeroLookup({ accounts: accounts.records, taxRates: taxRates.records, contacts: contacts.records });
      return { drift: mappingDrift(await store.all(source.organisation.tenantId), lookup) };
    },

    mappingHistory: async (_input, { source }) => ({ batches: await store.history(source.organisation.tenantId) }),

    batchRevert: {
      use: [writes],
      handle: ({ params, headers }, { source, session }) => {
        checkWorkbook(headers['x-workbook-organisation'], source);
        return revertBatch(store, source, { batchId: params.batchId, key: headers['idempotency-key'], who: session.userName });
      },
    },
  };
}
