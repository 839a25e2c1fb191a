import type { Organisation } from '../../core/domain';
import type { OrganisationSource } from './source';

/** Every organisation the proxy can serve, by tenant id. */
export class OrganisationRegistry {
  private readonly sources = new Map<string, OrganisationSource>();

  add(source: OrganisationSource): void {
    const id = source.organisation.tenantId;
    if (this.sources.has(id)) throw new Error(`Two organisations share the tenant id ${id}`);
    this.sources.set(id, source);
  }

  get(tenantId: string): OrganisationSource | undefined {
    return this.sources.get(tenantId);
  }

  list(): Organisation[] {
    return [...this.sources.values()].map((s) => s.organisation);
  }

  snapshotTenantIds(): string[] {
    return [...this.sources.values()].filter((s) => s.kind === 'snapshot').map((s) => s.organisation.tenantId);
  }

  get size(): number {
    return this.sources.size;
  }
}
