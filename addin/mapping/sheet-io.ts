import type { PlanResponse } from '../../core/contract';
import type { Organisation } from '../../core/domain';
import type { MappingKind } from '../../core/mapping/rows';
import type { CellValue } from '../../core/sheets/cells';
import type { ApiClient } from '../api/client';
import { mappingWorkbook } from '../excel/mapping';
import { mappingSheets, toMappingRow } from '../sheets/mapping-sheets';
import type { MappingSheet } from '../sheets/mapping-sheets';
import { checkText } from './checks-text';
import { planInParts } from './in-parts';
import type { Progress } from './in-parts';

/** What the mapping actions share: the sheet's rows as the proxy takes them, its plan in parts, and cells by row. */
export type Sheet = { top: number; values: CellValue[][] };

/** Cells of a column for every row of the sheet, from a plan's or apply's answer by row number. */
export function byRow<T extends { row: number }>(sheet: Sheet, rows: readonly T[], cell: (r: T | undefined, values: CellValue[]) => CellValue): CellValue[] {
  const map = new Map(rows.map((r) => [r.row, r]));
  return sheet.values.map((values, i) => cell(map.get(sheet.top + 1 + i), values));
}

const checksOf = (sheet: Sheet, answer: PlanResponse) => byRow(sheet, answer.rows, (r) => checkText(r?.problems ?? []));

/** The review cells a plan fills: the check, and what the target and the suggestion are in Xero, beside their codes. */
export const reviewOf = (sheet: Sheet, answer: PlanResponse) => ({
  'Xero Name': byRow(sheet, answer.rows, (r) => r?.targetName ?? ''),
  'Suggested Name': byRow(sheet, answer.rows, (r) => (r?.suggestion.target ? (r.suggestion.label ?? '') : '')),
  Check: checksOf(sheet, answer),
});

/** Errors, warnings and clean rows, apart: a row with a warning only is not "with errors". */
export function checkCounts(answer: PlanResponse): string {
  const errors = answer.rows.filter((r) => r.problems.some((p) => p.severity === 'error')).length;
  const warnings = answer.rows.filter((r) => r.problems.length > 0 && r.problems.every((p) => p.severity === 'warning')).length;
  return `${errors} with errors, ${warnings} with warnings only, ${answer.rows.length - errors - warnings} clean`;
}

/** What every action on a mapping sheet needs: the proxy, the organisation, the kind, and what to tell the tab. */
export type SheetContext = {
  api: ApiClient;
  organisation: Organisation;
  kind: MappingKind;
  /** The mapping store's version the last preview was made on. */
  planVersion: () => number | null;
  /** The version a preview with something to write was made on, or null (nothing to apply). */
  previewed: (version: number | null) => void;
  filled: () => void;
  /** After a fill: rows on the sheet that the file (or the store) does not name, which the user may remove or keep. */
  offerRemoval: (offer: RemovalOffer | null) => void;
};

/** Rows a fill left on the sheet because the file did not name them: removed only when the user says so. */
export type RemovalOffer = { count: number; written: number; from: string; remove: SheetAction };

/**
 * One action: its button, the label shown while it runs (and in "Could not …"), and the work, which reports
 * its progress (rows done of the total) and resolves to the summary shown after.
 */
export type SheetAction<A extends unknown[] = []> = { button: string; label: string; work: (progress: Progress, ...args: A) => Promise<string> };

export type Io = {
  def: MappingSheet;
  tenantId: string;
  sheetRows: () => Promise<Sheet & { rows: ReturnType<typeof toMappingRow>[] }>;
  plan: (progress: Progress) => Promise<{ sheet: Sheet; answer: PlanResponse }>;
};

export function sheetIo({ api, organisation, kind }: SheetContext): Io {
  const def = mappingSheets[kind];
  const tenantId = organisation.tenantId;
  const sheetRows = async () => {
    const table = await mappingWorkbook.read(def);
    if (!table || table.rows.length === 0) throw new Error(`"${def.sheet}" has no rows yet: fill it from a CSV file or from the stored mappings first`);
    return { top: table.top, values: table.rows, rows: table.rows.map((values, i) => toMappingRow(def, table.top + 1 + i, values)) };
  };
  // Asked in parts the proxy takes, so a sheet of 50,000 rows is planned like one of 50.
  const plan = async (progress: Progress) => {
    const sheet = await sheetRows();
    return { sheet, answer: await planInParts({ api, tenantId, kind }, sheet.rows, progress) };
  };
  return { def, tenantId, sheetRows, plan };
}
