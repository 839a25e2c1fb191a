import type { Organisation } from '../../core/domain';
import type { Session } from '../sessions/sessions';
import type { XeroConnections } from '../xero/connections';
import type { XeroGateway } from '../xero/gateway';
import type { LedgerCache } from './ledger-cache';
import type { OrganisationRegistry } from './registry';
import type { OrganisationSource } from './source';
import { XeroSource } from './xero';

export type XeroSide = { connections: XeroConnections; gateway: XeroGateway };

/**
 * Which organisations a session may reach, and the source for each: snapshot organisations for a
 * demo session, the connection's Xero tenants for a Xero session. Anything else is not there.
 */
export class OrganisationDirectory {
  /** One source per connection and organisation, kept so that what it parsed is reused across requests. */
  private readonly xeroSources = new Map<string, XeroSource>();

  constructor(
    private readonly registry: OrganisationRegistry,
    private readonly xero: XeroSide | null,
    private readonly ledgers?: LedgerCache,
  ) {}

  async list(session: Session): Promise<Organisation[]> {
    if (session.connectionId && this.xero) {
      return (await this.xero.connections.organisations(session.connectionId)).filter((o) => session.tenantIds.includes(o.tenantId));
    }
    return this.registry.list().filter((o) => session.tenantIds.includes(o.tenantId));
  }

  async resolve(session: Session, tenantId: string): Promise<OrganisationSource | undefined> {
    if (!session.tenantIds.includes(tenantId)) return undefined;
    return this.source(tenantId, session.connectionId);
  }

  /**
   * The organisation through the Xero connection that reached it, or a snapshot's (no connection), for work no session
   * waits for (a scheduled report, made by a session that could reach it).
   */
  async source(tenantId: string, connectionId: string | null): Promise<OrganisationSource | undefined> {
    if (connectionId && this.xero) {
      const organisation = (await this.xero.connections.organisations(connectionId)).find((o) => o.tenantId === tenantId);
      if (!organisation) return undefined;
      const key = `${connectionId}\u0000${tenantId}`;
      const kept = this.xeroSources.get(key);
      if (kept && JSON.stringify(kept.organisation) === JSON.stringify(organisation)) return kept;
      const source = new XeroSource(this.xero.gateway, connectionId, organisation, this.ledgers);
      this.xeroSources.set(key, source);
      return source;
    }
    return this.registry.get(tenantId);
  }
}
