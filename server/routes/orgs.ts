import type { RouteHandlers } from '../http/route-table';
import type { OrganisationDirectory } from '../sources/directory';
import type { OrganisationSource, PullTable } from '../sources/source';

/** A pulled table as the pane takes it: the records, when they were read, and what is left of Xero's limits. */
async function pulled<K extends PullTable>(source: OrganisationSource, table: K, full: boolean) {
  const read = await source.read(table, { full });
  return { tenantId: source.organisation.tenantId, fetchedAt: read.fetchedAt, records: read.records, usage: source.usage() };
}

export function orgHandlers(directory: OrganisationDirectory): RouteHandlers {
  return {
    organisations: async (_input, { session }) => ({ organisations: await directory.list(session) }),
    accounts: ({ query }, { source }) => pulled(source, 'accounts', query.refresh === 'full'),
    taxRates: ({ query }, { source }) => pulled(source, 'taxRates', query.refresh === 'full'),
    contacts: ({ query }, { source }) => pulled(source, 'contacts', query.refresh === 'full'),
    items: ({ query }, { source }) => pulled(source, 'items', query.refresh === 'full'),
  };
}
