import { Router } from 'express';
import type { SessionResponse } from '../../core/contract';
import { AppError } from '../errors';
import { bearerToken } from '../http/auth';
import type { OrganisationRegistry } from '../sources/registry';
import type { SessionStore } from '../sessions/sessions';

export function authRoutes(deps: { registry: OrganisationRegistry; sessions: SessionStore; demoLogin: boolean }): Router {
  const router = Router();

  /** A session on the snapshot organisations (the demo, or XERO_SNAPSHOT), with no Xero sign-in. */
  router.post('/auth/demo', (_req, res) => {
    if (!deps.demoLogin) {
      throw new AppError('forbidden', 'Demo sign-in is turned off on this proxy (DEMO_LOGIN=0): connect to Xero instead');
    }
    const tenantIds = deps.registry.snapshotTenantIds();
    if (tenantIds.length === 0) throw new AppError('not_found', 'This proxy serves no snapshot organisation');
    const { token, expiresAt } = deps.sessions.create('demo', 'demo', tenantIds);
    const organisations = deps.registry.list().filter((o) => tenantIds.includes(o.tenantId));
    const body: SessionResponse = { token, expiresAt, organisations };
    res.status(201).json(body);
  });

  router.post('/auth/signout', (req, res) => {
    const token = bearerToken(req);
    if (token) deps.sessions.revoke(token);
    res.status(204).end();
  });

  return router;
}
