/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../addin/App';
import type { WorkbookDouble } from '../doubles/excel-workbook';
import { connectDemoAndOpen, paneInExcel } from './pane-helpers';

async function openReports() {
  await connectDemoAndOpen('Reports');
  fireEvent.change(screen.getByLabelText('As at'), { target: { value: '2026-10-31' } });
}

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

describe('the Reports tab in Excel, on the demo organisation', () => {
  let workbook: WorkbookDouble;
  beforeEach(() => {
    workbook = paneInExcel();
  });

  it('builds aged receivables in its sheet and refreshes it in place without duplicating rows', async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await openReports();
    await click('Build in sheet');
    await waitFor(() => expect(workbook.tables.get('AgedReceivables')).toBeDefined(), { timeout: 10000 });
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    const table = workbook.tables.get('AgedReceivables')!;
    expect(table.rect.top).toBe(6); // header row 7
    expect(workbook.values('Aged Receivables', 'A1:A2')).toEqual([['Demo: Harbour & Vine Wines Pty Ltd'], ['Aged Receivables by due date']]);
    expect(workbook.values('Aged Receivables', 'A7:G7')).toEqual([['Contact', 'Currency', 'Current', '1 month', '2 months', '3 months', 'Older']]);
    const bodyRows = table.rect.rows - 1;
    const totalsRow = 7 + bodyRows + 1;
    expect(workbook.values('Aged Receivables', `A${totalsRow}:B${totalsRow}`)).toEqual([['Total', 'AUD']]);
    expect(workbook.sheets.get('Aged Receivables')?.frozenRows).toBe(7);
    const stored = JSON.parse(String(workbook.settings.get('xeroBridge.reports')));
    expect(stored).toEqual([
      expect.objectContaining({ sheet: 'Aged Receivables', kind: 'aged-receivables', query: expect.objectContaining({ asAt: '2026-10-31' }) }),
    ]);

    await click('Refresh all report sheets');
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(workbook.tables.size).toBe(1);
    expect(workbook.tables.get('AgedReceivables')!.rect.rows - 1).toBe(bodyRows);
    expect(workbook.values('Aged Receivables', `A${totalsRow + 1}:A${totalsRow + 1}`)).toEqual([['']]);
  });

  it('builds the account summary with opening and closing rows per contact', async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await openReports();
    fireEvent.click(screen.getByRole('radio', { name: 'Account summary' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-10-31' } });
    await click('Build in sheet');
    await waitFor(() => expect(workbook.tables.get('AccountSummary')).toBeDefined(), { timeout: 10000 });
    const rows = workbook.tables.get('AccountSummary')!.rect.rows - 1;
    const lines = workbook.values('Account Summary', `D8:D${7 + rows}`).flat();
    expect(lines.filter((l) => l === 'Opening balance').length).toBe(lines.filter((l) => l === 'Closing balance').length);
    expect(lines).toContain('invoice');
  });

  it("builds the suppliers' account summary too (payables: charges, payments and credits)", async () => {
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await openReports();
    fireEvent.click(screen.getByRole('radio', { name: 'Account summary' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('combobox', { name: 'Of' }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('option', { name: 'Suppliers' }));
    });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-10-31' } });
    await click('Build in sheet');
    await waitFor(() => expect(workbook.tables.get('AccountSummary')).toBeDefined(), { timeout: 10000 });
    expect(workbook.values('Account Summary', 'G7:H7')).toEqual([['Charges', 'Payments & credits']]);
  });

  it('hands over a PDF file when exporting', async () => {
    const saved: string[] = [];
    (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = () => 'blob:report';
    (URL as unknown as { revokeObjectURL: () => void }).revokeObjectURL = () => undefined;
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await openReports();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export PDF' }));
    });
    await waitFor(() => expect(saved).toEqual(['Aged Receivables – Demo Harbour & Vine Wines Pty Ltd – as at 2026-10-31.pdf']));
    click.mockRestore();
  });
});
