import type { Organisation } from '../../core/domain';
import { workbookOrganisation } from '../excel/workbook';
import { shareSession } from '../office/formula-runtime';

/**
 * Leaves the pane's proxy session for the XERO functions: signed out clears it; signed in, the functions work on
 * the organisation the workbook is bound to (its first pull bound it), else on the one chosen in the pane.
 */
export async function shareWithFunctions(token: string | null, organisation: Organisation | null, proxy: string): Promise<void> {
  if (!token) return shareSession(null);
  const tenantId = (await workbookOrganisation())?.tenantId ?? organisation?.tenantId;
  if (tenantId) await shareSession({ token, tenantId, proxy });
}
