import type { Ledger, Organisation } from '../../core/domain';
import { endpointOfTable, tableFromRaw } from '../xero/deserialize';
import type { XeroGateway } from '../xero/gateway';
import { endpoints } from '../xero/raw';
import type { ContactDefaults, OrganisationSource, OrganisationWrites, ReadOptions, TableRead } from './source';

/** An organisation read live from Xero through one connection, with the pull cache in between. */
export class XeroSource implements OrganisationSource {
  readonly kind = 'xero' as const;

  constructor(
    private readonly gateway: XeroGateway,
    private readonly connectionId: string,
    readonly organisation: Organisation,
  ) {}

  async read<K extends Exclude<keyof Ledger, 'organisation'>>(table: K, options: ReadOptions = {}): Promise<TableRead<K>> {
    const endpoint = endpointOfTable[table];
    const pulled = await this.gateway.pull(this.connectionId, this.organisation.tenantId, endpoint, { full: options.full === true });
    const body = { [endpoints[endpoint].key]: pulled.records };
    return { records: tableFromRaw(table, body, this.organisation.baseCurrency) as Ledger[K], fetchedAt: pulled.fetchedAt };
  }

  readonly writes: OrganisationWrites = {
    updateContactDefaults: (changes: readonly ContactDefaults[], key: string) =>
      this.gateway.updateContactDefaults(this.connectionId, this.organisation.tenantId, changes, key),
    setPaymentsEnabled: (accountId: string, enabled: boolean, key: string) =>
      this.gateway.setPaymentsEnabled(this.connectionId, this.organisation.tenantId, accountId, enabled, key),
    createTaxRate: (rate: { name: string; percent: string }, key: string) => this.gateway.createTaxRate(this.connectionId, this.organisation.tenantId, rate, key),
  };

  usage() {
    return this.gateway.usage(this.organisation.tenantId);
  }
}
