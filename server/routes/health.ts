import type { RouteHandlers } from '../http/route-table';
import type { OrganisationRegistry } from '../sources/registry';

export function healthHandlers(deps: { registry: OrganisationRegistry; version: string; xero: boolean; demo: boolean }): RouteHandlers {
  return {
    health: () => ({
      status: 'ok',
      version: deps.version,
      organisations: deps.registry.size,
      signIn: { xero: deps.xero, demo: deps.demo && deps.registry.size > 0 },
    }),
  };
}
