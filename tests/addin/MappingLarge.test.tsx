/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../addin/App';
import type { WorkbookDouble } from '../doubles/excel-workbook';
import { testApp } from '../server/helpers';
import { connectDemoAndOpen, paneInExcel } from './pane-helpers';

/** A POS system's codes: every one named like a Xero revenue account, so each has an exact suggestion. */
function csvOf(rows: number): string {
  const names = ['Sales', 'Online Store Sales', 'Wholesale Sales'];
  const lines = ['Source Code,Name,Role'];
  for (let i = 1; i <= rows; i++) lines.push(`POS-${String(i).padStart(6, '0')},${names[i % names.length]},revenue`);
  return lines.join('\n');
}

async function press(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

const idle = () => waitFor(() => expect(screen.queryByRole('status')).toBeNull(), { timeout: 120_000 });

/** Fills the sheet from a CSV file and takes it to Approved rows with targets, as a reviewer would. */
async function reviewed(workbook: WorkbookDouble, rows: number) {
  render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
  await connectDemoAndOpen('Mapping');
  await act(async () => {
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [new File([csvOf(rows)], 'pos.csv', { type: 'text/csv' })] } });
  });
  await waitFor(() => expect(screen.getByText(new RegExp(`"Map Accounts": ${rows} rows added`))).toBeTruthy(), { timeout: 120_000 });
  // The reviewer takes every suggestion on purpose (the names are Xero's own account names).
  await act(async () => {
    fireEvent.change(screen.getByLabelText(/Accept suggestions at a confidence of at least/), { target: { value: '0' } });
  });
  for (const step of ['Suggest and check', 'Accept suggestions', 'Approve rows without errors', 'Preview']) {
    await press(step);
    await idle();
  }
  expect(screen.getByText(new RegExp(`Preview: ${rows} to create`))).toBeTruthy();
  expect(new Set(workbook.values('Map Accounts', `J2:J${rows + 1}`).flat())).toEqual(new Set(['Approved']));
}

/** Issue 11: sheets over the proxy's per-request limit go in parts, with rows done of the total and a Cancel. */
describe('a mapping sheet larger than one request', () => {
  it('applies 50,000 rows in parts with progress, as one run that Undo puts back', async () => {
    const workbook = paneInExcel(testApp({ freshDemo: true }).app);
    await reviewed(workbook, 50_000);
    const seen: string[] = [];
    await press('Apply approved rows');
    await waitFor(
      () => {
        const status = screen.queryByRole('status');
        if (status) seen.push(status.textContent ?? '');
        expect(status).toBeNull();
      },
      { timeout: 120_000, interval: 20 },
    );
    // The bar said how far it was, in rows of the whole sheet.
    expect(seen.some((t) => /Apply the approved rows… [\d,]+ of 50,000 rows/.test(t))).toBe(true);
    expect(screen.getByText(/Applied in 10 batches of one run \(Undo the last batch undoes them all\): 50000 written, 0 unchanged, 0 failed/)).toBeTruthy();
    expect(new Set(workbook.values('Map Accounts', 'J2:J50001').flat())).toEqual(new Set(['Written']));
    await press('Undo the last batch');
    await idle();
    expect(screen.getByText(/Last accounts run \(10 batches\) undone: 50000 mappings put back\./)).toBeTruthy();
    expect(new Set(workbook.values('Map Accounts', 'J2:J50001').flat())).toEqual(new Set(['Reverted']));
  }, 300_000);

  it('stops at Cancel between parts and leaves the sheet saying what was written', async () => {
    const workbook = paneInExcel(testApp({ freshDemo: true }).app);
    await reviewed(workbook, 15_000);
    await press('Apply approved rows');
    await waitFor(() => expect(screen.getByText(/of 15,000 rows/)).toBeTruthy(), { timeout: 60_000, interval: 5 });
    await press('Cancel');
    expect(screen.getByRole('button', { name: 'Cancelling after this part…' })).toBeTruthy();
    await idle();
    const summary = screen.getByText(/^Cancelled after \d of 3 parts/).textContent ?? '';
    const written = Number(/: (\d+) written/.exec(summary)?.[1]);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(15_000);
    const statuses = workbook.values('Map Accounts', 'J2:J15001').flat();
    expect(statuses.filter((s) => s === 'Written')).toHaveLength(written);
    expect(statuses.filter((s) => s === 'Approved')).toHaveLength(15_000 - written);
    await press('Undo the last batch');
    await idle();
    expect(statuses.length).toBe(15_000);
    expect(
      workbook
        .values('Map Accounts', 'J2:J15001')
        .flat()
        .filter((s) => s === 'Reverted'),
    ).toHaveLength(written);
  }, 300_000);
});
