/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../addin/App';
import { fetchThroughProxy } from './proxy-fetch';

describe('the task pane shell', () => {
  beforeEach(() => {
    window.localStorage.clear();
    fetchThroughProxy();
  });

  it('says so outside Excel instead of breaking, and offers the four tabs', () => {
    render(<App host={{ inExcel: false, hostName: null }} />);
    expect(screen.getByText('Not running in Excel')).toBeTruthy();
    for (const name of ['Connect', 'Data', 'Mapping', 'Reports']) expect(screen.getByRole('tab', { name })).toBeTruthy();
    expect(screen.getByText('No organisation chosen')).toBeTruthy();
  });

  it('connects to the demo organisation and shows its name', async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    expect(screen.queryByText('Not running in Excel')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Use the demo organisation' }));
    });
    await waitFor(() => expect(screen.getAllByText('Demo: Harbour & Vine Wines Pty Ltd').length).toBeGreaterThan(0));
    expect(window.localStorage.getItem('xero-bridge.session')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('shows the proxy’s message in an error bar when it cannot be reached', async () => {
    (globalThis as { fetch?: unknown }).fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await waitFor(() => expect(screen.getByText('The Xero Bridge proxy is not answering')).toBeTruthy());
    expect(screen.getByText(/proxy cannot be reached: check that it is running/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Use the demo organisation' }));
    });
    await waitFor(() => expect(screen.getByText('Could not open the demo organisation')).toBeTruthy());
  });
});
