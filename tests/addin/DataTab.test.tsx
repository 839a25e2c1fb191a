/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../addin/App';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import type { WorkbookDouble } from '../doubles/excel-workbook';
import { demoSource } from '../server/helpers';
import { connectDemoAndOpen, paneInExcel, sharedWithFunctions } from './pane-helpers';

describe('the Data tab in Excel, on the demo organisation', () => {
  let workbook: WorkbookDouble;
  beforeEach(() => {
    workbook = paneInExcel();
  });

  it('pulls all four tables into their sheets, codes as text and names never formulas', async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Data');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Pull all four tables' }));
    });
    await waitFor(() => expect(workbook.tables.size).toBe(4), { timeout: 10000 });
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());

    const source = demoSource();
    const counts = {
      XeroAccounts: (await source.read('accounts')).records.length,
      XeroTaxRates: (await source.read('taxRates')).records.length,
      XeroContacts: (await source.read('contacts')).records.length,
      XeroItems: (await source.read('items')).records.length,
    };
    for (const [name, count] of Object.entries(counts)) {
      expect(workbook.tables.get(name)?.rect.rows).toBe(count + 1);
    }
    const codes = workbook.values('Xero Accounts', `A2:A${counts.XeroAccounts + 1}`).flat();
    expect(codes).toContain('0400');
    const names = workbook.values('Xero Contacts', `A2:A${counts.XeroContacts + 1}`).flat();
    expect(names).toContain('=HYPERLINK Cellars & Co');
    expect(names.some((n) => String(n).startsWith('FORMULA:'))).toBe(false);
    expect(JSON.parse(String(workbook.settings.get('xeroBridge.organisation')))).toEqual({
      tenantId: DEMO_TENANT_ID,
      name: 'Demo: Harbour & Vine Wines Pty Ltd',
    });
    expect(screen.getAllByText(/rows at/)).toHaveLength(4);
    // The XERO functions recalculate once the pull is done.
    expect(workbook.calculations).toEqual(['Full']);
  });

  it('shares the session with the XERO functions, refreshes their figures on "Refresh formulas", and forgets the session on signing out', async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Data');
    await waitFor(() =>
      expect(sharedWithFunctions()).toEqual({
        token: window.localStorage.getItem('xero-bridge.session'),
        tenantId: DEMO_TENANT_ID,
        proxy: window.location.origin,
      }),
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Refresh formulas' }));
    });
    await waitFor(() => expect(screen.getByText(/XERO formulas recalculated with figures fetched at/)).toBeTruthy());
    expect(workbook.calculations).toEqual(['Full']);
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Connect' }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    });
    await waitFor(() => expect(sharedWithFunctions()).toBeNull());
  });

  it('refuses to pull into a workbook whose sheets came from another organisation', async () => {
    workbook.settings.set('xeroBridge.organisation', JSON.stringify({ tenantId: 'other', name: 'Other Org Ltd' }));
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Data');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Pull Accounts' }));
    });
    await waitFor(() => expect(screen.getByText(/sheets came from "Other Org Ltd"/)).toBeTruthy());
    expect(workbook.tables.size).toBe(0);
  });
});
