import type { Ledger, Organisation } from '../../core/domain';
import { endpointOfTable, tableFromRaw } from '../xero/deserialize';
import type { XeroGateway } from '../xero/gateway';
import { endpoints } from '../xero/raw';
import type { OrganisationSource, ReadOptions, TableRead } from './source';

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

  usage() {
    return this.gateway.usage(this.organisation.tenantId);
  }
}
