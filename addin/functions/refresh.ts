import type { ApiClient } from '../api/client';
import { recalculateWorkbook } from '../excel/recalculate';

/** "Refresh formulas": the proxy fetches what changed in Xero, then Excel recalculates, the XERO functions included. */
export async function refreshFormulas(api: ApiClient, tenantId: string): Promise<string> {
  const { fetchedAt } = await api.call('refreshFormulas', { tenantId });
  await recalculateWorkbook();
  return fetchedAt;
}
