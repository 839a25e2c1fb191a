/** The workbook's own settings (Office's document settings), for choices that travel with the workbook. */

const REFRESH_ON_OPEN = 'xeroBridge.refreshOnOpen';

const settings = () => (typeof Office === 'undefined' ? undefined : Office.context?.document?.settings);

/** Whether the report sheets refresh when this workbook opens. */
export function refreshOnOpen(): boolean {
  return settings()?.get(REFRESH_ON_OPEN) === true;
}

/** Turns refresh-on-open on or off; on also opens this pane with the workbook, so that the report sheets can refresh. */
export function setRefreshOnOpen(on: boolean): void {
  const s = settings();
  if (!s) return;
  s.set(REFRESH_ON_OPEN, on);
  s.set('Office.AutoShowTaskpaneWithDocument', on);
  s.saveAsync();
}
