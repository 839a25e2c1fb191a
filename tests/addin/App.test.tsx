/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import request from 'supertest';
import { App } from '../../addin/App';
import { testApp } from '../server/helpers';

/** Routes the pane's fetch calls to the real proxy app in-process, as the browser would over HTTPS. */
function fetchThroughProxy(app: ReturnType<typeof testApp>['app']) {
  return async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const method = (init.method ?? 'GET').toLowerCase() as 'get' | 'post';
    let req = request(app)[method](url);
    for (const [k, v] of Object.entries(init.headers ?? {})) req = req.set(k, v);
    const res = init.body ? await req.send(init.body) : await req;
    return { ok: res.status < 400, status: res.status, statusText: '', json: async () => res.body };
  };
}

describe('the task pane shell', () => {
  beforeEach(() => {
    window.localStorage.clear();
    (globalThis as { fetch?: unknown }).fetch = fetchThroughProxy(testApp().app);
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
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Use the demo organisation' }));
    });
    await waitFor(() => expect(screen.getByText(/proxy cannot be reached/)).toBeTruthy());
    expect(screen.getByText('Could not open the demo organisation')).toBeTruthy();
  });
});
