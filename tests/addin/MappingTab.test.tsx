/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../addin/App';
import { testApp } from '../server/helpers';
import { connectDemoAndOpen, paneInExcel } from './pane-helpers';

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
  await waitFor(() => expect(screen.queryByRole('status')).toBeNull(), { timeout: 15000 });
}

function csvOf200(): string {
  const names = ['Online Store Sales', 'Sales', 'Wholesale Sales', 'Export Sales', 'Other Revenue'];
  const lines = ['Source Code,Name,Role'];
  for (let i = 1; i <= 200; i++) lines.push(`POS-${String(i).padStart(4, '0')},${names[i % 5]} ${i % 3 ? 'shop' : 'web'},revenue`);
  return lines.join('\n');
}

describe('mapping 200 account codes from a CSV file in the pane, on the demo organisation', () => {
  it('fills, suggests, accepts, approves, previews, applies, re-reads, and undoes', async () => {
    const workbook = paneInExcel(testApp({ freshDemo: true }).app);
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Mapping');

    const file = new File([csvOf200()], 'pos-codes.csv', { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
    });
    await waitFor(() => expect(screen.getByText(/"Map Accounts": 200 rows added, 0 updated/)).toBeTruthy(), { timeout: 15000 });
    expect(workbook.tables.get('MapAccounts')?.rect.rows).toBe(201);
    expect([...workbook.validations.values()][0]).toEqual({ list: { inCellDropDown: true, source: '=INDIRECT("XeroAccounts[Code]")' } });
    expect(workbook.conditionalFormats.get('Map Accounts!I2:I201')?.map((f) => [f.rule, f.fill])).toEqual([
      [{ operator: 'BeginsWith', text: 'Error' }, '#FFC7CE'],
      [{ operator: 'BeginsWith', text: 'Warning' }, '#FFEB9C'],
    ]);

    await click('Suggest and check');
    const suggested = workbook.values('Map Accounts', 'F2:F201').flat();
    expect(suggested.every((s) => s !== '')).toBe(true);
    // Beside each suggested code, what it is in Xero ("200 Sales"), so the reviewer never judges a bare code.
    const suggestedNames = workbook.values('Map Accounts', 'G2:G201').flat();
    suggestedNames.forEach((n, i) => expect(String(n)).toMatch(new RegExp(`^${String(suggested[i])} \\S`)));
    // The user types a code that is not in Xero: the checks run again by themselves.
    await act(async () => {
      await workbook.edit('Map Accounts', 'D3', '999');
    });
    await waitFor(() => expect(String(workbook.values('Map Accounts', 'I3:I3')[0]![0])).toMatch(/^Error: Xero target: there is no account with code "999"/), {
      timeout: 8000,
    });
    await act(async () => {
      await workbook.edit('Map Accounts', 'D3', '');
    });
    await waitFor(() => expect(String(workbook.values('Map Accounts', 'I3:I3')[0]![0])).not.toMatch(/999/), { timeout: 8000 });
    // At the default, 100 %, only exact matches are taken: a weaker suggestion (65 %, say) stays beside its row.
    await click('Accept suggestions');
    const confidence = workbook.values('Map Accounts', 'H2:H201').flat();
    expect(confidence.some((c) => typeof c === 'number' && c >= 60 && c < 100)).toBe(true);
    expect(workbook.values('Map Accounts', 'D2:D201').flat()).toEqual(suggested.map((s, i) => (confidence[i] === 100 ? s : '')));
    expect(workbook.values('Map Accounts', 'F2:F201').flat()).toEqual(suggested);
    // The reviewer lowers the bar on purpose, and the rest are taken.
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/Accept suggestions at a confidence of at least/), { target: { value: '0' } });
    });
    await click('Accept suggestions');
    expect(workbook.values('Map Accounts', 'D2:D201').flat()).toEqual(suggested);
    // Beside each target, the name of the Xero account it names.
    const xeroNames = workbook.values('Map Accounts', 'E2:E201').flat();
    xeroNames.forEach((n, i) => expect(String(suggestedNames[i])).toBe(`${String(suggested[i])} ${String(n)}`));
    await click('Approve rows without errors');
    expect(new Set(workbook.values('Map Accounts', 'J2:J201').flat())).toEqual(new Set(['Approved']));
    await click('Preview');
    expect(screen.getByText(/Preview: 200 to create, 0 to update, 0 unchanged, 0 invalid/)).toBeTruthy();
    expect(workbook.values('Map Accounts', 'K2:K2')[0]![0]).toMatch(/^will map to /);
    await click('Apply approved rows');
    expect(screen.getByText(/200 written, 0 unchanged, 0 failed, 0 conflicts, 0 not approved/)).toBeTruthy();
    expect(new Set(workbook.values('Map Accounts', 'J2:J201').flat())).toEqual(new Set(['Written']));
    // Cells with =XERO.MAPPING(…) recalculate to show what was written.
    expect(workbook.calculations).toEqual(['Full']);
    // What was previewed is written: Apply waits for the next preview.
    expect((screen.getByRole('button', { name: 'Apply approved rows' }) as HTMLButtonElement).disabled).toBe(true);

    await click('Fill from stored mappings');
    expect(screen.getByText(/200 stored mappings/)).toBeTruthy();
    await click('Undo the last batch');
    expect(screen.getByText(/Last accounts batch undone: 200 mappings put back\./)).toBeTruthy();
    expect(workbook.calculations).toEqual(['Full', 'Full']);
    // The sheet says so, row by row: no row still claims Written.
    expect(new Set(workbook.values('Map Accounts', 'J2:J201').flat())).toEqual(new Set(['Reverted']));
    expect(workbook.values('Map Accounts', 'K2:K2')[0]![0]).toMatch(/^reverted: mapping removed/);
    await click('Fill from stored mappings');
    expect(screen.getByText(/There are no stored accounts mappings: nothing was changed/)).toBeTruthy();

    // Filling again from a file merges by source code: a target the reviewer typed and every status stay.
    await act(async () => {
      await workbook.edit('Map Accounts', 'D4', '200');
    });
    const targets = workbook.values('Map Accounts', 'D2:D201').flat();
    const fill = async (f: File) =>
      act(async () => {
        fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [f] } });
      });
    await fill(new File([`${csvOf200()}\nPOS-NEW,New code,revenue\n`], 'pos-codes.csv', { type: 'text/csv' }));
    await waitFor(() => expect(screen.getByText(/"Map Accounts": 1 rows added, 200 updated \(their targets and statuses kept\)/)).toBeTruthy(), {
      timeout: 15000,
    });
    expect(workbook.values('Map Accounts', 'D2:D201').flat()).toEqual(targets);
    expect(workbook.values('Map Accounts', 'D4:D4')[0]![0]).toBe('200');
    expect(new Set(workbook.values('Map Accounts', 'J2:J201').flat())).toEqual(new Set(['Reverted']));
    expect(workbook.values('Map Accounts', 'A202:A202')[0]![0]).toBe('POS-NEW');

    // Files that cannot fill the sheet change nothing and say why.
    const before = workbook.values('Map Accounts', 'A1:K202');
    for (const [file, why] of [
      [new File([''], 'empty.csv'), /The file is empty: nothing was changed/],
      [new File(['Source Code,Name,Role\n'], 'header.csv'), /a header but no rows: nothing was changed/],
      [new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0])], 'book.xlsx'), /The file is not text .*: nothing was changed/],
    ] as const) {
      await fill(file);
      await waitFor(() => expect(screen.getByText(why)).toBeTruthy(), { timeout: 15000 });
    }
    expect(workbook.values('Map Accounts', 'A1:K202')).toEqual(before);
    // The summary of the last fill that worked is gone: it never stands beside a later error.
    expect(screen.queryByText(/1 rows added, 200 updated/)).toBeNull();
  }, 60000);

  it('asks before removing rows a new file does not name, and removes them only when told', async () => {
    const workbook = paneInExcel(testApp({ freshDemo: true }).app);
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Mapping');
    const fill = async (text: string) => {
      await act(async () => {
        fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [new File([text], 'pos.csv', { type: 'text/csv' })] } });
      });
      await waitFor(() => expect(screen.getByText(/"Map Accounts": \d+ rows added/)).toBeTruthy(), { timeout: 15000 });
    };
    await fill(csvOf200());
    expect(screen.queryByRole('group', { name: 'Rows not in the fill' })).toBeNull();
    // A file with 150 of the 200 codes: the other 50 stay, and the pane asks.
    const first150 = csvOf200().split('\n').slice(0, 151).join('\n');
    await fill(first150);
    expect(screen.getByText(/50 rows already on the sheet are not in it and stay until you say otherwise/)).toBeTruthy();
    expect(screen.getByText(/50 rows on the sheet are not in the file\. Remove them from the sheet\?/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Keep them' }));
    });
    expect(screen.queryByRole('group', { name: 'Rows not in the fill' })).toBeNull();
    expect(workbook.tables.get('MapAccounts')?.rect.rows).toBe(201);
    await fill(first150);
    await click('Remove them');
    expect(screen.getByText(/"Map Accounts": 50 rows not in the file removed from the sheet; 150 rows left/)).toBeTruthy();
    expect(workbook.tables.get('MapAccounts')?.rect.rows).toBe(151);
    expect(workbook.values('Map Accounts', 'A151:A151')[0]![0]).toBe('POS-0150');
  }, 60000);

  it('never offers a look-alike for a customer whose own contact is archived, and says so', async () => {
    const workbook = paneInExcel(testApp({ freshDemo: true }).app);
    render(<App host={{ inExcel: true, hostName: 'Excel' }} />);
    await connectDemoAndOpen('Mapping');
    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: 'Customers' }));
    });
    const csv = 'Customer ID,Name,Email\nSH-1,Southern Hospitality Group,accounts@southern.hospitality.example\n';
    await act(async () => {
      fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [new File([csv], 'customers.csv', { type: 'text/csv' })] } });
    });
    await waitFor(() => expect(screen.getByText(/"Map Customers": 1 rows added/)).toBeTruthy(), { timeout: 15000 });
    await click('Suggest and check');
    // Map Customers: A–F the source, G Xero Target, H Xero Name, I Suggested, J Suggested Name, K Confidence, L Check, M Status, N Result.
    expect(workbook.values('Map Customers', 'I2:K2')).toEqual([['', '', '']]);
    expect(String(workbook.values('Map Customers', 'N2:N2')[0]![0])).toBe(
      'no suggestion: matches the archived contact "Southern Hospitality" (same email): restore it in Xero or choose another',
    );
    // Even taking every suggestion, whatever its confidence, leaves this row for the reviewer.
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/Accept suggestions at a confidence of at least/), { target: { value: '0' } });
    });
    await click('Accept suggestions');
    expect(workbook.values('Map Customers', 'G2:G2')).toEqual([['']]);
    expect(screen.getByText(/0 suggestions at 0% or more copied into Xero Target; 1 rows left for you to choose/)).toBeTruthy();
  }, 60000);
});
