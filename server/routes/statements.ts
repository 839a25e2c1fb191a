import type { RouteHandlers } from '../http/route-table';
import { sendStatements } from '../statements/send';
import type { StatementDeps } from '../statements/send';

/** Customer statements: sent (or listed, as a dry run) for a period, and the record of what was sent to whom. */
export function statementHandlers(deps: StatementDeps): RouteHandlers {
  return {
    statements: ({ body }, { source, session }) => sendStatements(deps, source, body, session.userName),
    statementSends: async ({ params }) => ({ sends: await deps.sends.list(params.tenantId) }),
  };
}
