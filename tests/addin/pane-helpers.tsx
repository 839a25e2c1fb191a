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
  (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime = { storage: officeStorage() };
  return workbook;
}

/** OfficeRuntime.storage as both of the add-in's runtimes see it: text by key, asynchronous. */
function officeStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: async (key: string) => items.get(key) ?? null,
    setItem: async (key: string, value: string) => void items.set(key, value),
    removeItem: async (key: string) => void items.delete(key),
  };
}

/** What the pane left in OfficeRuntime.storage for the XERO functions. */
export function sharedWithFunctions(): unknown {
  const storage = (globalThis as unknown as { OfficeRuntime: { storage: ReturnType<typeof officeStorage> } }).OfficeRuntime.storage;
  const text = storage.items.get('xero-bridge.functions');
  return text === undefined ? null : (JSON.parse(text) as unknown);
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
