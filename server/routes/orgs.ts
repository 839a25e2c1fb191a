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
import type { OrganisationRegistry } from '../sources/registry';
import type { OrganisationSource, PullTable } from '../sources/source';

const tableOf: Record<PullKind, PullTable> = {
  accounts: 'accounts',
  'tax-rates': 'taxRates',
  contacts: 'contacts',
  items: 'items',
};

/** The organisation a request names, if and only if its session connected it (else 404, never the data). */
export function organisationFor(req: Request, registry: OrganisationRegistry): OrganisationSource {
  const { tenantId } = parse(tenantParamsSchema, req.params, 'path');
  const session = sessionOf(req);
  const source = session.tenantIds.includes(tenantId) ? registry.get(tenantId) : undefined;
  if (!source) throw notFound(`No organisation ${tenantId} is connected to this session`);
  return source;
}

export function orgRoutes(registry: OrganisationRegistry): Router {
  const router = Router();

  router.get('/orgs', (req, res) => {
    const session = sessionOf(req);
    const body: OrgsResponse = {
      organisations: registry.list().filter((o) => session.tenantIds.includes(o.tenantId)),
    };
    res.json(body);
  });

  for (const kind of Object.keys(tableOf) as PullKind[]) {
    router.get(`/orgs/:tenantId/${kind}`, async (req, res) => {
      const source = organisationFor(req, registry);
      const query = parse(pullQuerySchema, req.query, 'query');
      const read = await source.read(tableOf[kind], { full: query.refresh === 'full' });
      const body = pullResponseSchemas[kind].parse({
        tenantId: source.organisation.tenantId,
        fetchedAt: read.fetchedAt,
        records: read.records,
      });
      res.json(body);
    });
  }

  return router;
}
