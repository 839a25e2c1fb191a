import { Router } from 'express';
import type { HealthResponse } from '../../core/contract';
import type { OrganisationRegistry } from '../sources/registry';

export function healthRoutes(deps: { registry: OrganisationRegistry; version: string; xero: boolean; demo: boolean }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      version: deps.version,
      organisations: deps.registry.size,
      signIn: { xero: deps.xero, demo: deps.demo && deps.registry.size > 0 },
    };
    res.json(body);
  });
  return router;
}
