import { Router } from 'express';
import type { HealthResponse } from '../../core/contract';
import type { OrganisationRegistry } from '../sources/registry';

export function healthRoutes(registry: OrganisationRegistry, version: string): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok', version, organisations: registry.size };
    res.json(body);
  });
  return router;
}
