import { mappingKindDefinitions } from './kinds';
import type { Resolved } from './kinds/types';
import { cellText, isExcelError } from './rows';
import type { Cell, MappingKind, MappingRow } from './rows';
import type { Report, Severity } from './targets';
import type { XeroLookup } from './xero-data';

/** Something about a row that would fail (error) or surprise (warning) a later sync, with the fix. */
export type RowProblem = { row: number; field: string; severity: Severity; code: string; message: string };

const FIELD_LABEL: Record<string, string> = {
  source: 'Source code',
  name: 'Name',
  role: 'Role',
  rate: 'Rate %',
  usedWith: 'Used with',
  email: 'Email',
  accountNumber: 'Account number',
  target: 'Xero target',
  salesAccount: 'Sales account',
  taxType: 'Tax type',
};

/** Cells that no sync could take: Excel error values, spaces around text. */
const CELL_FIELDS = Object.keys(FIELD_LABEL) as Array<keyof MappingRow>;

function cellChecks(row: MappingRow, report: Report): void {
  for (const field of CELL_FIELDS) {
    const value = row[field] as Cell | undefined;
    if (value === undefined) continue;
    if (isExcelError(value)) report(field, 'error', 'excel-error', `holds the Excel error ${String(value).trim()}: fix the formula or type the value`);
    else if (typeof value === 'string' && value !== value.trim() && value.trim() !== '')
      report(field, 'warning', 'whitespace', 'has spaces at the start or end, which Xero would keep: remove them');
  }
}

/** The source code: present, not a number that lost its zeros, and once per request. */
function sourceChecks(row: MappingRow, report: Report, seenSource: Map<string, number>): void {
  const source = cellText(row.source).trim();
  if (!source) return report('source', 'error', 'blank', 'is blank: every row needs the source system’s code');
  if (isExcelError(row.source)) return;
  if (typeof row.source === 'number')
    report(
      'source',
      'warning',
      'number-code',
      `is the number ${row.source}: if the source system's code has leading zeros, format the column as Text and type it again`,
    );
  const key = source.toLowerCase();
  const first = seenSource.get(key);
  if (first !== undefined) report('source', 'error', 'duplicate', `"${source}" is mapped already on row ${first}: keep one row per source code`);
  else seenSource.set(key, row.row);
}

/**
 * Every check of the mapping rules, for every row: what would fail a later sync is an error, what
 * merely looks wrong is a warning. The checks every kind shares run here; each kind's own run in its
 * module (core/mapping/kinds/). Run by the proxy, against fresh Xero data, on everything it receives.
 */
export function checkRows(kind: MappingKind, rows: readonly MappingRow[], lookup: XeroLookup): { problems: RowProblem[]; resolved: Map<number, Resolved> } {
  const definition = mappingKindDefinitions[kind];
  const problems: RowProblem[] = [];
  const resolved = new Map<number, Resolved>();
  const seenSource = new Map<string, number>();
  const seen = new Map<string, number[]>();

  for (const row of rows) {
    const report: Report = (field, severity, code, fix) =>
      problems.push({ row: row.row, field, severity, code, message: `Row ${row.row}, ${FIELD_LABEL[field] ?? field}: ${fix}` });
    const r: Resolved = {};
    resolved.set(row.row, r);
    cellChecks(row, report);
    sourceChecks(row, report, seenSource);
    const target = cellText(row.target).trim();
    if (!target) report('target', row.status === 'Approved' ? 'error' : 'warning', 'blank', 'is blank: choose the Xero target (or accept the suggestion)');
    definition.check(row, { lookup, report, resolved: r, target: !target || isExcelError(row.target) ? null : target, seen });
  }
  return { problems, resolved };
}
