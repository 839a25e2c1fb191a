import { checkRows } from '../../core/mapping/checks';
import { suggestTargets } from '../../core/mapping/suggest';
import { mappingKindDefinitions } from '../../core/mapping/kinds';
import { mappingKinds } from '../../core/mapping/rows';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import { columnIndex, mappingColumns, mappingSheets, rowsFromStore, toMappingRow } from '../../addin/sheets/mapping-sheets';
import { demoLookup } from '../server/helpers';

const lookup = demoLookup;

/** What applying one approved row would write into Xero, as the kind's module describes it. */
async function writeOf(kind: MappingKind, row: MappingRow) {
  const { problems, resolved } = checkRows(kind, [row], await lookup());
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const definition = mappingKindDefinitions[kind];
  const r = resolved.get(row.row)!;
  const after = definition.value(row, r)!;
  return definition.xeroWrite?.(row, r, after) ?? null;
}

describe('one module per mapping kind', () => {
  it('defines every kind, each on its own sheet', () => {
    expect(Object.keys(mappingKindDefinitions).sort()).toEqual([...mappingKinds].sort());
    expect(new Set(Object.values(mappingSheets).map((s) => s.sheet)).size).toBe(mappingKinds.length);
  });

  it('puts the review columns after the source columns, found by name', () => {
    const def = mappingSheets['tax-rules'];
    const headers = mappingColumns(def).map((c) => c.header);
    expect(headers).toEqual([
      'Source Rule',
      'Name',
      'Rate %',
      'Used With',
      'Action',
      'Xero Target',
      'Xero Name',
      'Suggested',
      'Suggested Name',
      'Confidence',
      'Check',
      'Status',
      'Result',
    ]);
    expect(headers[columnIndex(def, 'Status')]).toBe('Status');
    const row = toMappingRow(def, 7, ['GST10', 'GST on sales', '10', 'revenue', 'create tax rate', 'New GST', '', '', '', null, '', 'Approved', '']);
    expect(row).toMatchObject({ row: 7, source: 'GST10', rate: '10', action: 'create-tax-rate', target: 'New GST', status: 'Approved' });
  });

  it("fills a customer's target cell with the contact's name, not its id", () => {
    const [row] = rowsFromStore(mappingSheets.customers, [
      { source: 'C-1', target: 'contact-guid', details: { contact: 'Harbour Cafe', name: 'Cafe' }, updatedAt: '2026-11-20T03:04:05.000Z' },
    ]);
    expect(row?.[columnIndex(mappingSheets.customers, 'Xero Target')]).toBe('Harbour Cafe');
    expect(row?.[columnIndex(mappingSheets.customers, 'Status')]).toBe('Written');
    // When it was written, not a batch's id.
    expect(row?.[columnIndex(mappingSheets.customers, 'Result')]).toBe('stored mapping, written 2026-11-20');
  });

  it('describes what applying writes into Xero: accounts write nothing there', async () => {
    expect(await writeOf('accounts', { row: 2, source: 'S1', role: 'revenue', target: '200', status: 'Approved' })).toBeNull();
  });

  it('enables payments only where the row asks and the account takes none', async () => {
    expect(await writeOf('payment-methods', { row: 2, source: 'CARD', target: '610', action: 'enable-payments', status: 'Approved' })).toMatchObject({
      type: 'payments-enabled',
      code: '610',
      before: false,
      after: true,
    });
    expect(await writeOf('payment-methods', { row: 3, source: 'BANK', target: '090', action: 'enable-payments', status: 'Approved' })).toBeNull();
    expect(await writeOf('payment-methods', { row: 4, source: 'GIFT', target: '616', status: 'Approved' })).toBeNull();
  });

  it('creates a tax rate named by the target, at the source rule’s rate', async () => {
    expect(await writeOf('tax-rules', { row: 2, source: 'T1', rate: '7.5', target: 'Levy 7.5', action: 'create-tax-rate', status: 'Approved' })).toEqual({
      type: 'tax-rate',
      name: 'Levy 7.5',
      percent: '7.5',
    });
  });

  it("sets a customer's default sales account, keeping the contact's old defaults to put back", async () => {
    const l = await lookup();
    const contact = l.tables.contacts.find((c) => c.status === 'ACTIVE' && c.isCustomer)!;
    const write = await writeOf('customers', { row: 2, source: 'C1', target: contact.contactId, salesAccount: '200', status: 'Approved' });
    expect(write).toEqual({
      type: 'contact-defaults',
      before: {
        contactId: contact.contactId,
        salesDefaultAccountCode: contact.salesDefaultAccountCode,
        accountsReceivableTaxType: contact.accountsReceivableTaxType,
      },
      after: { contactId: contact.contactId, salesDefaultAccountCode: '200', accountsReceivableTaxType: contact.accountsReceivableTaxType },
    });
  });
});

/** Issue 11, item 1: a suggestion is the source's own record, or a look-alike only where the source has none in Xero. */
describe('suggestions never redirect a source to a look-alike', () => {
  it("says a customer's own contact is archived instead of offering a similar-named one", async () => {
    const [s] = suggestTargets(
      'customers',
      [{ row: 2, source: 'SH-1', name: 'Southern Hospitality Group', email: 'accounts@southern.hospitality.example' }],
      await lookup(),
    );
    expect(s).toMatchObject({ target: null, confidence: 0 });
    expect(s!.reason).toBe('matches the archived contact "Southern Hospitality" (same email): restore it in Xero or choose another');
  });

  it("says an account code's own account is archived", async () => {
    const [s] = suggestTargets('accounts', [{ row: 2, source: '494', name: 'Travel - International', role: 'expense' }], await lookup());
    expect(s).toMatchObject({ target: null, confidence: 0 });
    expect(s!.reason).toMatch(/^matches the archived account 494 \(Travel - International\): restore it in Xero or choose another/);
  });

  it('offers tax rates usable on the kind of account the rule is used with, so no suggestion fails its own check', async () => {
    const l = await lookup();
    const rows: MappingRow[] = ['revenue', 'expense', 'asset', 'liability'].flatMap((usedWith, i) =>
      ['10', '0', 'GST on purchases', 'Sales tax'].map((rate, j) => ({
        row: 2 + i * 4 + j,
        source: `R${i}${j}`,
        name: rate,
        rate: /\d/.test(rate) ? rate : '10',
        usedWith,
      })),
    );
    const suggestions = suggestTargets('tax-rules', rows, l);
    expect(suggestions.filter((s) => s.target).length).toBeGreaterThan(8);
    const withTargets = rows.map((r, i) => ({ ...r, target: suggestions[i]!.target }));
    const { problems } = checkRows(
      'tax-rules',
      withTargets.filter((r) => r.target),
      l,
    );
    expect(problems.filter((p) => p.field === 'target' && p.severity === 'error')).toEqual([]);
  });
});
