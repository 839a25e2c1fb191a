import type { Organisation } from '../../core/domain';
import type { Session } from '../sessions/sessions';
import type { XeroConnections } from '../xero/connections';
import type { XeroGateway } from '../xero/gateway';
import type { OrganisationRegistry } from './registry';
import type { OrganisationSource } from './source';
import { XeroSource } from './xero';

export type XeroSide = { connections: XeroConnections; gateway: XeroGateway };

/**
 * Which organisations a session may reach, and the source for each: snapshot organisations for a
 * demo session, the connection's Xero tenants for a Xero session. Anything else is not there.
 */
export class OrganisationDirectory {
  constructor(
    private readonly registry: OrganisationRegistry,
    private readonly xero: XeroSide | null,
  ) {}

  list(session: Session): Organisation[] {
    if (session.connectionId && this.xero) {
      return this.xero.connections.organisations(session.connectionId).filter((o) => session.tenantIds.includes(o.tenantId));
    }
    return this.registry.list().filter((o) => session.tenantIds.includes(o.tenantId));
  }

  resolve(session: Session, tenantId: string): OrganisationSource | undefined {
    if (!session.tenantIds.includes(tenantId)) return undefined;
    if (session.connectionId && this.xero) {
      const organisation = this.xero.connections.organisations(session.connectionId).find((o) => o.tenantId === tenantId);
      return organisation ? new XeroSource(this.xero.gateway, session.connectionId, organisation) : undefined;
    }
    return this.registry.get(tenantId);
  }
}
