import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import type { CellValue, ColumnSpec } from '../excel/cells';

/**
 * The four mapping sheets: the source system's columns, then the Xero target, what Xero Bridge
 * suggests, how sure it is, what the checks found, the reviewer's status and the result of writing.
 */
export type MappingSheet = {
  kind: MappingKind;
  title: string;
  sheet: string;
  table: string;
  /** Source columns: the row field each fills, and the CSV headers it is read from. */
  source: Array<{ field: keyof MappingRow; header: string; kind: ColumnSpec['kind']; csv: string[] }>;
  /** The pulled Xero table whose column feeds the target drop-down. */
  targets: { table: string; column: string };
};

export const mappingSheets: Record<MappingKind, MappingSheet> = {
  accounts: {
    kind: 'accounts',
    title: 'Accounts',
    sheet: 'Map Accounts',
    table: 'MapAccounts',
    source: [
      { field: 'source', header: 'Source Code', kind: 'code', csv: ['source code', 'code', 'source', 'revenue code', 'gl code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'description'] },
      { field: 'role', header: 'Role', kind: 'text', csv: ['role', 'type'] },
    ],
    targets: { table: 'XeroAccounts', column: 'Code' },
  },
  'tax-rules': {
    kind: 'tax-rules',
    title: 'Tax rules',
    sheet: 'Map Tax Rules',
    table: 'MapTaxRules',
    source: [
      { field: 'source', header: 'Source Rule', kind: 'code', csv: ['source rule', 'rule', 'code', 'tax code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'description'] },
      { field: 'rate', header: 'Rate %', kind: 'text', csv: ['rate', 'rate %', 'percent'] },
      { field: 'usedWith', header: 'Used With', kind: 'text', csv: ['used with', 'account type'] },
      { field: 'action', header: 'Action', kind: 'text', csv: ['action'] },
    ],
    targets: { table: 'XeroTaxRates', column: 'Tax Type' },
  },
  'payment-methods': {
    kind: 'payment-methods',
    title: 'Payment methods',
    sheet: 'Map Payments',
    table: 'MapPayments',
    source: [
      { field: 'source', header: 'Method', kind: 'code', csv: ['method', 'payment method', 'code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'description'] },
      { field: 'action', header: 'Action', kind: 'text', csv: ['action'] },
    ],
    targets: { table: 'XeroAccounts', column: 'Code' },
  },
  customers: {
    kind: 'customers',
    title: 'Customers',
    sheet: 'Map Customers',
    table: 'MapCustomers',
    source: [
      { field: 'source', header: 'Customer ID', kind: 'code', csv: ['customer id', 'id', 'customer', 'code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'customer name'] },
      { field: 'email', header: 'Email', kind: 'text', csv: ['email', 'e-mail'] },
      { field: 'accountNumber', header: 'Account Number', kind: 'code', csv: ['account number', 'account'] },
      { field: 'salesAccount', header: 'Sales Account', kind: 'code', csv: ['sales account'] },
      { field: 'taxType', header: 'Tax Type', kind: 'code', csv: ['tax type'] },
    ],
    targets: { table: 'XeroContacts', column: 'Name' },
  },
};

export function mappingColumns(def: MappingSheet): ColumnSpec[] {
  return [
    ...def.source.map((s) => ({ header: s.header, kind: s.kind })),
    { header: 'Xero Target', kind: 'code' },
    { header: 'Suggested', kind: 'code' },
    { header: 'Confidence', kind: 'number' },
    { header: 'Check', kind: 'text' },
    { header: 'Status', kind: 'text' },
    { header: 'Result', kind: 'text' },
  ];
}

/** Rows of a CSV file (header row first) as sheet rows, matching its headers to the source columns. */
export function rowsFromCsv(def: MappingSheet, records: string[][]): { rows: CellValue[][]; missing: string[] } {
  const [header = [], ...body] = records;
  const names = header.map((h) => h.trim().toLowerCase());
  const positions = def.source.map((s) => names.findIndex((n) => s.csv.includes(n)));
  const missing = def.source.filter((_, i) => positions[i] === -1 && i === 0).map((s) => s.header);
  const rows = body
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) => [...positions.map((p) => (p >= 0 ? (r[p] ?? '') : '')), '', '', null, '', 'Draft', '']);
  return { rows, missing };
}

/** A sheet row (its values, in column order) as the row the proxy checks. */
export function toMappingRow(def: MappingSheet, sheetRow: number, values: readonly CellValue[]): MappingRow {
  const row: Record<string, unknown> = { row: sheetRow };
  def.source.forEach((s, i) => {
    const v = values[i];
    if (s.field === 'action') {
      // "enable payments" (payment methods) or "create tax rate" (tax rules); anything else is no action.
      const action = String(v ?? '').trim().toLowerCase().replace(/\s+/g, '-');
      if (action === 'enable-payments' || action === 'create-tax-rate') row.action = action;
      return;
    }
    row[s.field] = v === '' || v === undefined ? null : v;
  });
  const n = def.source.length;
  const target = values[n];
  row.target = target === '' || target === undefined ? null : target;
  const status = String(values[n + 4] ?? 'Draft');
  if (status === 'Approved' || status === 'Draft' || status === 'Written' || status === 'Failed') row.status = status;
  return row as MappingRow;
}
