import type { ApiClient } from '../api/client';
import { mappingWorkbook } from '../excel/mapping';
import { mappingSheets } from '../sheets/mapping-sheets';

/**
 * Checks the stored mappings against what Xero holds now, marks those that no longer fit in the Check
 * column of the mapping sheets, and tells the user which (the first five).
 */
export async function flagDrift(api: ApiClient, tenantId: string, onError: (title: string, err: unknown) => void): Promise<void> {
  try {
    const { drift } = await api.call('mappingDrift', { tenantId });
    if (drift.length === 0) return;
    await mappingWorkbook.flagDrift(drift, Object.values(mappingSheets));
    const shown = drift
      .slice(0, 5)
      .map((d) => `${d.kind} ${d.source} → ${d.target}: ${d.problem}`)
      .join(' · ');
    onError(
      `${drift.length} stored mapping${drift.length > 1 ? 's' : ''} no longer fit Xero`,
      new Error(`${shown}${drift.length > 5 ? ' · …' : ''}. They are marked in the Check column of the mapping sheets.`),
    );
  } catch (err) {
    onError('Could not check the stored mappings against Xero', err);
  }
}
