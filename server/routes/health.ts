import { AppError } from '../errors';
import type { RouteHandlers } from '../http/route-table';
import type { OrganisationRegistry } from '../sources/registry';

type Deps = { registry: OrganisationRegistry; version: string; xero: boolean; demo: boolean; databaseAnswers: () => boolean };

/** ok only while the proxy can serve: its database answers a read (a load balancer takes a 503 out of rotation). */
export function healthHandlers(deps: Deps): RouteHandlers {
  return {
    health: () => {
      if (!deps.databaseAnswers()) throw new AppError('unavailable', 'The proxy cannot read its database: see its log');
      return {
        status: 'ok',
        version: deps.version,
        organisations: deps.registry.size,
        signIn: { xero: deps.xero, demo: deps.demo && deps.registry.size > 0 },
      };
    },
  };
}
