import { Router } from 'express';
import type { Request } from 'express';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { mappingDrift } from '../../core/mapping/drift';
import { xeroLookup } from '../../core/mapping/xero-data';
import { applyRequestSchema, driftResponseSchema, historyResponseSchema, idempotencyKeySchema, mappingRequestSchema, mappingsQuerySchema, mappingsResponseSchema } from '../../core/contract';
import { AppError, badRequest } from '../errors';
import { sessionOf } from '../http/auth';
import { writeLimit } from '../http/rate-limits';
import { parse } from '../http/validate';
import { applyMapping, planMapping, revertBatch } from '../mapping/service';
import type { MappingStore } from '../mapping/store';
import { safeText } from '../reports/csv';
import type { OrganisationDirectory } from '../sources/directory';
import type { OrganisationSource } from '../sources/source';
import { organisationFor } from './orgs';

function idempotencyKey(req: Request): string {
  const header = req.get('idempotency-key');
  if (!header) throw badRequest('Send an Idempotency-Key header (a new random value per batch) so that a retry never writes twice');
  return parse(idempotencyKeySchema, header, 'Idempotency-Key header');
}

/** The workbook's organisation (sent by the pane) must be the one written to. */
function checkWorkbook(req: Request, source: OrganisationSource): void {
  const bound = req.get('x-workbook-organisation');
  if (bound && bound !== source.organisation.tenantId) {
    throw new AppError('conflict', `This workbook's sheets came from another organisation than "${source.organisation.name}": nothing was written; open the workbook of this organisation, or choose its organisation on the Connect tab`);
  }
}

export function mappingRoutes(directory: OrganisationDirectory, store: MappingStore): Router {
  const router = Router();
  const writes = writeLimit();

  router.post('/orgs/:tenantId/mappings/plan', async (req, res) => {
    const source = organisationFor(req, directory);
    const body = parse(mappingRequestSchema, req.body, 'body');
    const { response } = await planMapping(store, source, body.kind, body.rows);
    res.json(response);
  });

  router.post('/orgs/:tenantId/mappings/apply', writes, async (req, res) => {
    const source = organisationFor(req, directory);
    const key = idempotencyKey(req);
    checkWorkbook(req, source);
    const body = parse(applyRequestSchema, req.body, 'body');
    res.json(await applyMapping(store, source, { kind: body.kind, planVersion: body.planVersion, rows: body.rows, key, who: sessionOf(req).userName }));
  });

  router.get('/orgs/:tenantId/mappings', (req, res) => {
    const source = organisationFor(req, directory);
    const query = parse(mappingsQuerySchema, req.query, 'query');
    const body = mappingsResponseSchema.parse({ mappings: store.all(source.organisation.tenantId, query.kind) });
    if (query.format === 'csv') {
      const rows = [['Kind', 'Source', 'Target', 'Details', 'Version', 'Batch', 'Updated']];
      for (const m of body.mappings) rows.push([m.kind, safeText(m.source), safeText(m.target), safeText(Object.entries(m.details).map(([k, v]) => `${k}=${v}`).join('; ')), String(m.version), m.batchId, m.updatedAt]);
      res.type('text/csv; charset=utf-8').attachment(`mappings-${query.kind ?? 'all'}.csv`).send(`\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`);
      return;
    }
    res.json(body);
  });

  /** Stored mappings that no longer fit Xero (a target archived, deleted or changed type). */
  router.get('/orgs/:tenantId/mappings/drift', async (req, res) => {
    const source = organisationFor(req, directory);
    const [accounts, taxRates, contacts] = await Promise.all([source.read('accounts'), source.read('taxRates'), source.read('contacts')]);
    const lookup = xeroLookup({ accounts: accounts.records, taxRates: taxRates.records, contacts: contacts.records });
    res.json(driftResponseSchema.parse({ drift: mappingDrift(store.all(source.organisation.tenantId), lookup) }));
  });

  router.get('/orgs/:tenantId/mappings/history', (req, res) => {
    const source = organisationFor(req, directory);
    res.json(historyResponseSchema.parse({ batches: store.history(source.organisation.tenantId) }));
  });

  router.post('/orgs/:tenantId/mappings/batches/:batchId/revert', writes, async (req, res) => {
    const source = organisationFor(req, directory);
    const key = idempotencyKey(req);
    checkWorkbook(req, source);
    const { batchId } = parse(z.object({ batchId: z.string().min(1).max(100) }), { batchId: req.params.batchId }, 'path');
    res.json(await revertBatch(store, source, { batchId, key, who: sessionOf(req).userName }));
  });

  return router;
}
