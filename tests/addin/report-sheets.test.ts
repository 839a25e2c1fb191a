import { ageingQuerySchema } from '../../core/contract';
import { excelDateSerial } from '../../core/sheets/cells';
import { ageingSheet } from '../../addin/sheets/report-sheets';
import { buildAgeing } from '../../server/reports/build';
import { LedgerBuilder } from '../core/reports/ledger-builder';

/** Issue 12: a detail line in base currency was labelled with its document's currency. */
describe('the aged receivables sheet, invoice by invoice', () => {
  const b = new LedgerBuilder();
  b.invoice({ date: '2026-09-01', total: 1000_00, currency: 'USD', rate: 0.65, number: 'INV-1' });
  const ledger = { ...b.ledger, contacts: [] };
  const sheetOf = (currency: 'base' | 'document') =>
    ageingSheet('aged-receivables', buildAgeing(ledger, ageingQuerySchema.parse({ asAt: '2026-10-31', detail: 'invoices', currency })));

  it('labels the figures with the currency they are in, and puts the document amount and the base amount beside them', () => {
    const sheet = sheetOf('base');
    const headers = sheet.columns.map((c) => c.header);
    expect(headers.slice(0, 2)).toEqual(['Contact', 'Currency']);
    expect(headers.slice(-4)).toEqual(['Total', 'Document Currency', 'In Document Currency', 'In AUD']);
    const [row] = sheet.rows;
    // USD 1,000.00 at 0.65 is AUD 1,538.46: the row's figures are in AUD, and say so.
    expect(row!.slice(0, 2)).toEqual(['First Customer', 'AUD']);
    expect(row!.slice(-4)).toEqual([1538.46, 'USD', 1000, 1538.46]);
    expect(row![5]).toBe(excelDateSerial('2026-09-01'));
  });

  it("in each document's currency, the figures are the document's and the base amount is still beside them", () => {
    const [row] = sheetOf('document').rows;
    expect(row!.slice(0, 2)).toEqual(['First Customer', 'USD']);
    expect(row!.slice(-4)).toEqual([1000, 'USD', 1000, 1538.46]);
  });
});
