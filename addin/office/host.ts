/** Where the pane is running: inside Excel, or in a plain browser (where Excel features are off). */
export type PaneHost = { inExcel: boolean; hostName: string | null };

export async function detectHost(): Promise<PaneHost> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    return { inExcel: false, hostName: null };
  }
  const timeout = new Promise<PaneHost>((resolve) => setTimeout(() => resolve({ inExcel: false, hostName: null }), 5000));
  const ready = Office.onReady().then((info) => ({
    inExcel: info.host === Office.HostType.Excel,
    hostName: info.host ? String(info.host) : null,
  }));
  return Promise.race([ready, timeout]);
}
