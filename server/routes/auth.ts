import { AppError } from '../errors';
import { bearerToken } from '../http/auth';
import type { RouteHandlers } from '../http/route-table';
import type { OrganisationRegistry } from '../sources/registry';
import type { SessionStore } from '../sessions/sessions';

export function authHandlers(deps: { registry: OrganisationRegistry; sessions: SessionStore; demoLogin: boolean }): RouteHandlers {
  return {
    /** A session on the snapshot organisations (the demo, or XERO_SNAPSHOT), with no Xero sign-in. */
    demoSignIn: async () => {
      if (!deps.demoLogin) {
        throw new AppError(
          'forbidden',
          'Demo sign-in is off on this proxy (it is on by default only for the built-in demo; DEMO_LOGIN=1 turns it on): connect to Xero instead',
        );
      }
      const tenantIds = deps.registry.snapshotTenantIds();
      if (tenantIds.length === 0) throw new AppError('not_found', 'This proxy serves no snapshot organisation');
      const { token, expiresAt } = await deps.sessions.create('demo', 'demo', tenantIds);
      const organisations = deps.registry.list().filter((o) => tenantIds.includes(o.tenantId));
      return { token, expiresAt, organisations };
    },

    signOut: async (_input, { req }) => {
      const token = bearerToken(req);
      if (token) await deps.sessions.revoke(token);
    },
  };
}
