import type { Ledger, Organisation } from '../../core/domain';
import { endpointOfTable, tableFromRaw } from '../xero/deserialize';
import type { XeroGateway } from '../xero/gateway';
import { endpoints } from '../xero/raw';
import type { ContactDefaults } from '../../core/mapping/writes';
import type { OrganisationSource, OrganisationWrites, ReadOptions, TableRead } from './source';

/** An organisation read live from Xero through one connection, with the pull cache in between. */
export class XeroSource implements OrganisationSource {
  readonly kind = 'xero' as const;
  /**
   * Each table as last parsed, by the cache generation it came from. A refresh that finds nothing changed
   * hands back the same (read-only) array, so what is built from it — the reports' ledger index, the
   * mapping lookups — is built once per change in Xero, not once per request.
   */
  private readonly parsed = new Map<string, { generation: number; records: unknown }>();

  constructor(
    private readonly gateway: XeroGateway,
    private readonly connectionId: string,
    readonly organisation: Organisation,
  ) {}

  async read<K extends Exclude<keyof Ledger, 'organisation'>>(table: K, options: ReadOptions = {}): Promise<TableRead<K>> {
    const endpoint = endpointOfTable[table];
    const pulled = await this.gateway.pull(this.connectionId, this.organisation.tenantId, endpoint, { full: options.full === true });
    const kept = this.parsed.get(table);
    if (kept && kept.generation === pulled.generation) return { records: kept.records as Ledger[K], fetchedAt: pulled.fetchedAt };
    const body = { [endpoints[endpoint].key]: pulled.records };
    const records = Object.freeze(tableFromRaw(table, body, this.organisation.baseCurrency)) as Ledger[K];
    this.parsed.set(table, { generation: pulled.generation, records });
    return { records, fetchedAt: pulled.fetchedAt };
  }

  readonly writes: OrganisationWrites = {
    updateContactDefaults: (changes: readonly ContactDefaults[], key: string) =>
      this.gateway.updateContactDefaults(this.connectionId, this.organisation.tenantId, changes, key),
    setPaymentsEnabled: (accountId: string, enabled: boolean, key: string) =>
      this.gateway.setPaymentsEnabled(this.connectionId, this.organisation.tenantId, accountId, enabled, key),
    createTaxRate: (rate: { name: string; percent: string }, key: string) =>
      this.gateway.createTaxRate(this.connectionId, this.organisation.tenantId, rate, key),
  };

  usage() {
    return this.gateway.usage(this.organisation.tenantId);
  }
}
