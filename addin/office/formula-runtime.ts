import type { FormulaResult } from '../../core/contract';

/**
 * What the worksheet functions share with the pane. The functions run in Excel's custom functions runtime,
 * apart from the pane (no shared runtime: its manifest's `<Runtimes>` cannot be validated offline), so the
 * pane leaves its proxy session, the workbook's organisation and the proxy's address in OfficeRuntime.storage,
 * which both runtimes of the add-in read. Only the proxy session is kept: never a Xero token.
 */
export type SharedSession = { token: string; tenantId: string; proxy: string };

const KEY = 'xero-bridge.functions';

const storage = () => (typeof OfficeRuntime === 'undefined' ? null : OfficeRuntime.storage);

/** The pane's session for the functions, or null when the pane is signed out (or outside Office). */
export async function readSharedSession(): Promise<SharedSession | null> {
  const text = await storage()?.getItem(KEY);
  if (!text) return null;
  try {
    const s = JSON.parse(text) as Partial<SharedSession>;
    return typeof s.token === 'string' && typeof s.tenantId === 'string' && typeof s.proxy === 'string'
      ? { token: s.token, tenantId: s.tenantId, proxy: s.proxy }
      : null;
  } catch {
    return null;
  }
}

/** Called by the pane on signing in or out and choosing an organisation. */
export async function shareSession(session: SharedSession | null): Promise<void> {
  const s = storage();
  if (!s) return;
  if (session) await s.setItem(KEY, JSON.stringify(session));
  else await s.removeItem(KEY);
}

/** The error a cell shows: #N/A or #VALUE!, with the message Excel shows beside it. */
export function cellError(error: Extract<FormulaResult, { kind: 'error' }>['error'], message: string): CustomFunctions.Error {
  const code = error === 'notAvailable' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, message);
}
