import { Router } from 'express';
import type { Request } from 'express';
import {
  pullQuerySchema,
  pullResponseSchemas,
  tenantParamsSchema,
} from '../../core/contract';
import type { OrgsResponse, PullKind } from '../../core/contract';
import { notFound } from '../errors';
import { sessionOf } from '../http/auth';
import { parse } from '../http/validate';
import type { OrganisationDirectory } from '../sources/directory';
import type { OrganisationSource, PullTable } from '../sources/source';

const tableOf: Record<PullKind, PullTable> = {
  accounts: 'accounts',
  'tax-rates': 'taxRates',
  contacts: 'contacts',
  items: 'items',
};

/** The organisation a request names, if and only if its session connected it (else 404, never the data). */
export function organisationFor(req: Request, directory: OrganisationDirectory): OrganisationSource {
  const { tenantId } = parse(tenantParamsSchema, req.params, 'path');
  const source = directory.resolve(sessionOf(req), tenantId);
  if (!source) throw notFound(`No organisation ${tenantId} is connected to this session`);
  return source;
}

export function orgRoutes(directory: OrganisationDirectory): Router {
  const router = Router();

  router.get('/orgs', (req, res) => {
    const body: OrgsResponse = { organisations: directory.list(sessionOf(req)) };
    res.json(body);
  });

  for (const kind of Object.keys(tableOf) as PullKind[]) {
    router.get(`/orgs/:tenantId/${kind}`, async (req, res) => {
      const source = organisationFor(req, directory);
      const query = parse(pullQuerySchema, req.query, 'query');
      const read = await source.read(tableOf[kind], { full: query.refresh === 'full' });
      const body = pullResponseSchemas[kind].parse({
        tenantId: source.organisation.tenantId,
        fetchedAt: read.fetchedAt,
        records: read.records,
        usage: source.usage(),
      });
      res.json(body);
    });
  }

  return router;
}
