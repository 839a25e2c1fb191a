import Papa from 'papaparse';
import type { PlanResponse } from '../../core/contract';
import type { Organisation } from '../../core/domain';
import type { MappingKind } from '../../core/mapping/rows';
import type { CellValue } from '../../core/sheets/cells';
import type { ApiClient } from '../api/client';
import { mappingWorkbook } from '../excel/mapping';
import { columnIndex, mappingSheets, rowsFromCsv, rowsFromStore, toMappingRow } from '../sheets/mapping-sheets';
import type { MappingSheet } from '../sheets/mapping-sheets';
import { mergeRows, unreadableFile } from '../sheets/merge-rows';
import type { Merged } from '../sheets/merge-rows';
import { checkText, planText, statusAfterApply } from './checks-text';

type Sheet = { top: number; values: CellValue[][] };

/** Cells of a column for every row of the sheet, from a plan's or apply's answer by row number. */
function byRow<T extends { row: number }>(sheet: Sheet, rows: readonly T[], cell: (r: T | undefined, values: CellValue[]) => CellValue): CellValue[] {
  const map = new Map(rows.map((r) => [r.row, r]));
  return sheet.values.map((values, i) => cell(map.get(sheet.top + 1 + i), values));
}

const checksOf = (sheet: Sheet, answer: PlanResponse) => byRow(sheet, answer.rows, (r) => checkText(r?.problems ?? []));

/** Errors, warnings and clean rows, apart: a row with a warning only is not "with errors". */
function checkCounts(answer: PlanResponse): string {
  const errors = answer.rows.filter((r) => r.problems.some((p) => p.severity === 'error')).length;
  const warnings = answer.rows.filter((r) => r.problems.length > 0 && r.problems.every((p) => p.severity === 'warning')).length;
  return `${errors} with errors, ${warnings} with warnings only, ${answer.rows.length - errors - warnings} clean`;
}

/** A chosen file's text, read as UTF-8 (a byte that is not UTF-8 becomes U+FFFD, which the file check counts). */
function readText(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new Error('The file could not be read: nothing was changed'));
    reader.readAsText(f, 'utf-8');
  });
}

/** The records of CSV text (empty lines left out). */
function readCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return parsed.data;
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
};

/** One action: its button, the label shown while it runs (and in "Could not …"), and the work, which resolves to the summary shown after. */
export type SheetAction<A extends unknown[] = []> = { button: string; label: string; work: (...args: A) => Promise<string> };

type Io = {
  def: MappingSheet;
  tenantId: string;
  sheetRows: () => Promise<Sheet & { rows: ReturnType<typeof toMappingRow>[] }>;
  plan: () => Promise<{ sheet: Sheet; answer: PlanResponse }>;
};

function sheetIo({ api, organisation, kind }: SheetContext): Io {
  const def = mappingSheets[kind];
  const tenantId = organisation.tenantId;
  const sheetRows = async () => {
    const table = await mappingWorkbook.read(def);
    if (!table || table.rows.length === 0) throw new Error(`"${def.sheet}" has no rows yet: fill it from a CSV file or from the stored mappings first`);
    return { top: table.top, values: table.rows, rows: table.rows.map((values, i) => toMappingRow(def, table.top + 1 + i, values)) };
  };
  const plan = async () => {
    const sheet = await sheetRows();
    return { sheet, answer: await api.call('mappingPlan', { tenantId, body: { kind, rows: sheet.rows } }) };
  };
  return { def, tenantId, sheetRows, plan };
}

/** What a fill did, in the user's words. */
function fillSummary(def: MappingSheet, m: Merged, unused: readonly string[] = []): string {
  const kept = m.kept > 0 ? `; ${m.kept} rows already on the sheet are not in it and stay as they were` : '';
  const extra = unused.length > 0 ? ` Columns not used: ${unused.join(', ')}.` : '';
  return `"${def.sheet}": ${m.added} rows added, ${m.updated} updated (their targets and statuses kept)${kept}.${extra} Next: Suggest and check.`;
}

function fillActions(ctx: SheetContext, { def, tenantId }: Io) {
  /** Merges rows into what the sheet holds now, by source code (nothing of the reviewer's is lost), and writes the table. */
  const merge = async (incoming: CellValue[][]): Promise<Merged> => {
    const existing = (await mappingWorkbook.read(def))?.rows ?? [];
    const merged = mergeRows(def, existing, incoming);
    await mappingWorkbook.fill(ctx.organisation, def, merged.rows);
    ctx.filled();
    return merged;
  };
  const fillFromCsv: SheetAction<[File]> = {
    label: 'Fill the sheet from the CSV file',
    button: 'Fill from CSV file…',
    work: async (f) => {
      const text = await readText(f);
      const unreadable = unreadableFile(text, f.size);
      if (unreadable) throw new Error(unreadable);
      const { rows, missing, unused } = rowsFromCsv(def, readCsv(text));
      if (missing.length > 0) {
        throw new Error(
          `The CSV file has no "${missing.join('", "')}" column: its first line must name the columns (e.g. ${def.source.map((s) => s.header).join(', ')}); nothing was changed`,
        );
      }
      if (rows.length === 0) throw new Error('The CSV file has a header but no rows: nothing was changed');
      return fillSummary(def, await merge(rows), unused);
    },
  };
  const fillFromStore: SheetAction = {
    label: 'Fill the sheet from the stored mappings',
    button: 'Fill from stored mappings',
    work: async () => {
      const stored = await ctx.api.call('mappings', { tenantId, query: { kind: ctx.kind } });
      if (stored.mappings.length === 0) return `There are no stored ${def.title.toLowerCase()} mappings: nothing was changed.`;
      return `${stored.mappings.length} stored mappings: ${fillSummary(def, await merge(rowsFromStore(def, stored.mappings)))}`;
    },
  };
  return { fillFromCsv, fillFromStore };
}

function reviewActions(ctx: SheetContext, { def, sheetRows, plan }: Io) {
  const suggest: SheetAction = {
    label: 'Suggest and check',
    button: 'Suggest and check',
    work: async () => {
      const { sheet, answer } = await plan();
      await mappingWorkbook.write(def, sheet.top, {
        Suggested: byRow(sheet, answer.rows, (r) => r?.suggestion.target ?? ''),
        // Blank where there is no suggestion: a 0 would read as a suggestion nobody trusts.
        Confidence: byRow(sheet, answer.rows, (r) => (r?.suggestion.target ? r.suggestion.confidence : null)),
        Check: checksOf(sheet, answer),
        Result: byRow(sheet, answer.rows, (r, v) =>
          r && !r.suggestion.target && r.suggestion.reason.startsWith('matches')
            ? `no suggestion: ${r.suggestion.reason}`
            : (v[columnIndex(def, 'Result')] ?? ''),
        ),
      });
      return `Checked ${answer.rows.length} rows: ${checkCounts(answer)}. Accept suggestions, approve, then preview.`;
    },
  };
  const acceptSuggestions: SheetAction<[number]> = {
    label: 'Accept the suggestions',
    button: 'Accept suggestions',
    work: async (atLeast) => {
      const sheet = await sheetRows();
      const [target, suggested, confidence] = [columnIndex(def, 'Xero Target'), columnIndex(def, 'Suggested'), columnIndex(def, 'Confidence')];
      // Only suggestions as sure as the user asked for; the others stay beside the row for review.
      const takes = (v: CellValue[]) =>
        (v[target] === '' || v[target] === null) && v[suggested] !== '' && typeof v[confidence] === 'number' && v[confidence] >= atLeast;
      const taken = sheet.values.filter(takes).length;
      await mappingWorkbook.write(def, sheet.top, { 'Xero Target': sheet.values.map((v) => (takes(v) ? v[suggested]! : (v[target] ?? ''))) });
      // The targets changed, so the checks beside them are checked again at once.
      const again = await plan();
      await mappingWorkbook.write(def, again.sheet.top, { Check: checksOf(again.sheet, again.answer) });
      const left = sheet.values.filter((v) => (v[target] === '' || v[target] === null) && !takes(v)).length;
      return `${taken} suggestions at ${atLeast}% or more copied into Xero Target; ${left} rows left for you to choose. ${checkCounts(again.answer)}.`;
    },
  };
  const approve: SheetAction = {
    label: 'Approve rows without errors',
    button: 'Approve rows without errors',
    work: async () => {
      const { sheet, answer } = await plan();
      const status = columnIndex(def, 'Status');
      const bad = new Set(answer.rows.filter((r) => r.action === 'invalid').map((r) => r.row));
      await mappingWorkbook.write(def, sheet.top, {
        Status: sheet.values.map((v, i) => (bad.has(sheet.top + 1 + i) ? String(v[status] || 'Draft') : v[status] === 'Written' ? 'Written' : 'Approved')),
        Check: checksOf(sheet, answer),
      });
      return `${answer.rows.length - bad.size} rows approved; ${bad.size} left as they are (see Check).`;
    },
  };
  const preview: SheetAction = {
    label: 'Preview the change',
    button: 'Preview',
    work: async () => {
      const { sheet, answer } = await plan();
      await mappingWorkbook.write(def, sheet.top, { Check: checksOf(sheet, answer), Result: byRow(sheet, answer.rows, (r) => (r ? planText(r) : '')) });
      // Apply is offered only when an Approved row has a change to make: it never makes an empty batch.
      const status = columnIndex(def, 'Status');
      const approved = new Set(sheet.values.flatMap((v, i) => (v[status] === 'Approved' ? [sheet.top + 1 + i] : [])));
      const toWrite = answer.rows.filter((r) => (r.action === 'create' || r.action === 'update') && approved.has(r.row)).length;
      ctx.previewed(toWrite > 0 ? answer.version : null);
      const t = answer.totals;
      const next =
        toWrite > 0 ? `Apply writes the ${toWrite} Approved rows with a change.` : 'No Approved row has a change to write: approve rows without errors first.';
      return `Preview: ${t.create} to create, ${t.update} to update, ${t.unchanged} unchanged, ${t.invalid} invalid. ${next}`;
    },
  };
  return { suggest, acceptSuggestions, approve, preview };
}

function writeActions(ctx: SheetContext, { def, tenantId, sheetRows }: Io) {
  const { api, organisation, kind } = ctx;
  /** A write's headers: a new idempotency key, and the organisation this workbook belongs to (writes go only there). */
  const writeHeaders = async (what: string) => {
    const bound = await mappingWorkbook.binding(organisation);
    return { 'idempotency-key': `${what}-${crypto.randomUUID()}`, 'x-workbook-organisation': bound.tenantId };
  };
  const apply: SheetAction = {
    label: 'Apply the approved rows',
    button: 'Apply approved rows',
    work: async () => {
      const headers = await writeHeaders('apply');
      const sheet = await sheetRows();
      const answer = await api.call('mappingApply', { tenantId, headers, body: { kind, planVersion: ctx.planVersion() ?? 0, rows: sheet.rows } });
      const status = columnIndex(def, 'Status');
      await mappingWorkbook.write(def, sheet.top, {
        Status: byRow(sheet, answer.results, (r, v) => statusAfterApply(r?.result, v[status])),
        Result: byRow(sheet, answer.results, (r) => (r ? `${r.result}: ${r.message}` : '')),
      });
      const count = (x: string) => answer.results.filter((r) => r.result === x).length;
      return `Applied as one batch (Undo the last batch puts it back): ${count('written')} written, ${count('unchanged')} unchanged, ${count('failed')} failed, ${count('conflict')} conflicts, ${count('skipped')} not approved.`;
    },
  };
  const undo: SheetAction = {
    label: 'Undo the last batch',
    button: 'Undo the last batch',
    work: async () => {
      const { batches } = await api.call('mappingHistory', { tenantId });
      // A batch that changed nothing (every Xero write refused) has nothing to undo.
      const last = batches.find((b) => b.kind === kind && !b.reverts && !b.revertedBy && b.changes > 0);
      if (!last) throw new Error(`There is no applied ${def.title.toLowerCase()} batch to undo`);
      const headers = await writeHeaders('revert');
      const sheet = await sheetRows();
      const answer = await api.call('batchRevert', { tenantId, batchId: last.id, headers });
      // The sheet's rows of the batch's source codes now say what the undo did to each (the sheet may have been filled again).
      const bySource = new Map(answer.results.map((r) => [(r.source ?? '').trim().toLowerCase(), r]));
      const resultOf = (v: CellValue[]) =>
        bySource.get(
          String(v[0] ?? '')
            .trim()
            .toLowerCase(),
        );
      const [status, result] = [columnIndex(def, 'Status'), columnIndex(def, 'Result')];
      await mappingWorkbook.write(def, sheet.top, {
        Status: sheet.values.map((v) => statusAfterApply(resultOf(v)?.result, v[status])),
        Result: sheet.values.map((v) => {
          const r = resultOf(v);
          return r ? `${r.result}: ${r.message}` : (v[result] ?? '');
        }),
      });
      const reverted = answer.results.filter((r) => r.result === 'reverted').length;
      const failed = answer.results.length - reverted;
      return `Last ${def.title.toLowerCase()} batch undone: ${reverted} mappings put back${failed > 0 ? `, ${failed} failed (see Result)` : ''}.`;
    },
  };
  return { apply, undo };
}

/** The mapping tab's actions on the sheet of one kind: fill, suggest and check, accept, approve, preview, apply, undo. */
export function sheetActions(ctx: SheetContext) {
  const io = sheetIo(ctx);
  return { ...fillActions(ctx, io), ...reviewActions(ctx, io), ...writeActions(ctx, io) };
}
