import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { WorkbookDouble } from '../doubles/excel-workbook';
import { testApp } from '../server/helpers';
import { fetchThroughProxy } from './proxy-fetch';

/** The pane inside Excel: a fresh workbook double as `Excel`, and fetch routed to a real proxy app. */
export function paneInExcel(app = testApp().app): WorkbookDouble {
  window.localStorage.clear();
  fetchThroughProxy(app);
  const workbook = new WorkbookDouble();
  (globalThis as { Excel?: unknown }).Excel = workbook.excelGlobal();
  return workbook;
}

/** Connects to the demo organisation and opens a tab, as a user would. */
export async function connectDemoAndOpen(tab: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Use the demo organisation' }));
  });
  await waitFor(() => expect(screen.getAllByText('Demo: Harbour & Vine Wines Pty Ltd').length).toBeGreaterThan(0));
  await act(async () => {
    fireEvent.click(screen.getByRole('tab', { name: tab }));
  });
}
