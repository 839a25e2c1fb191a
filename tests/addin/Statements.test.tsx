/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../addin/App';
import type { WorkbookDouble } from '../doubles/excel-workbook';
import { connectDemoAndOpen, paneInExcel } from './pane-helpers';

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

describe('customer statements on the Reports tab (demo organisation, no mail server)', () => {
  let workbook: WorkbookDouble;
  beforeEach(() => {
    workbook = paneInExcel();
  });

  it('previews who gets which statement, then sends them and says honestly that none went out', async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Reports');
    fireEvent.click(screen.getByRole('radio', { name: 'Account summary' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-10-31' } });
    expect(screen.getByRole('button', { name: 'Send statements' })).toHaveProperty('disabled', true);
    await click('Preview statements');
    const section = screen.getByRole('region', { name: 'Customer statements' });
    await waitFor(() => expect(within(section).getByText(/^\d+ to send, \d+ without an email address$/)).toBeTruthy(), { timeout: 10000 });
    const rows = within(within(section).getByRole('table', { name: 'Statements' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.length).toBeGreaterThan(5);
    expect(within(rows[0]!).getByText(/^-?\d+\.\d{2} AUD$/)).toBeTruthy();
    const toSend = rows.filter((r) => within(r).queryByText('Will be sent')).length;

    await click('Send statements');
    await waitFor(() => expect(within(section).getByText(new RegExp(`^0 sent, ${toSend} failed, 0 sent before`))).toBeTruthy(), { timeout: 10000 });
    expect(within(section).getAllByText('Failed')[0]?.getAttribute('title')).toMatch(/No mail server is configured/);
    // The record says the same: every one failed, none sent.
    await click('What was sent');
    const record = await within(section).findByRole('table', { name: 'Statements sent' });
    const sent = within(record).getAllByRole('row').slice(1);
    expect(sent).toHaveLength(toSend);
    expect(sent.every((r) => within(r).queryByText('Failed'))).toBe(true);
  }, 30_000);

  it('sends a statement to the address typed on the Xero Contacts sheet instead of Xero’s', async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Data');
    await click('Pull all four tables');
    await waitFor(() => expect(workbook.tables.get('XeroContacts')).toBeDefined(), { timeout: 10000 });
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Reports' }));
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Account summary' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-10-31' } });
    await click('Preview statements');
    const section = screen.getByRole('region', { name: 'Customer statements' });
    const table = await within(section).findByRole('table', { name: 'Statements' }, { timeout: 10000 });
    const customer = within(within(table).getAllByRole('row')[1]!).getAllByRole('cell')[0]!.textContent!;
    // The customer's row on the Xero Contacts sheet (Name in A, Email in E): a new address typed in.
    const names = workbook.values('Xero Contacts', 'A1:A500').map((r) => r[0]);
    await workbook.edit('Xero Contacts', `E${names.indexOf(customer) + 1}`, 'ap@override.example');
    await click('Preview statements');
    await waitFor(() => {
      const row = within(within(section).getByRole('table', { name: 'Statements' })).getAllByRole('row')[1]!;
      expect(within(row).getByText('ap@override.example')).toBeTruthy();
    });
  }, 30_000);
});
