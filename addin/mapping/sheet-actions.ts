import Papa from 'papaparse';
import type { CellValue } from '../../core/sheets/cells';
import { mappingWorkbook } from '../excel/mapping';
import { columnIndex, rowsFromCsv, rowsFromStore } from '../sheets/mapping-sheets';
import type { MappingSheet } from '../sheets/mapping-sheets';
import { mergeRows, sourceKeyOf, unreadableFile } from '../sheets/merge-rows';
import type { Merged } from '../sheets/merge-rows';
import { planText } from './checks-text';
import { Cancelled } from './in-parts';
import { byRow, checkCounts, reviewOf, sheetIo } from './sheet-io';
import type { Io, SheetAction, SheetContext } from './sheet-io';
import { writeActions } from './write-actions';

/** A chosen file's text, read as UTF-8 (a byte that is not UTF-8 becomes U+FFFD, which the file check counts). */
function readText(f: File): Promise<string> {
  // Browsers' files have text(); where a File lacks it (jsdom), FileReader reads it the same way.
  if (typeof f.text === 'function') return f.text().catch(() => Promise.reject(new Error('The file could not be read: nothing was changed')));
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

/** What a fill did, in the user's words. */
function fillSummary(def: MappingSheet, m: Merged, unused: readonly string[] = []): string {
  const kept = m.kept > 0 ? `; ${m.kept} rows already on the sheet are not in it and stay until you say otherwise` : '';
  const extra = unused.length > 0 ? ` Columns not used: ${unused.join(', ')}.` : '';
  return `"${def.sheet}": ${m.added} rows added, ${m.updated} updated (their targets and statuses kept)${kept}.${extra} Next: Suggest and check.`;
}

/** Removes, when the user says so, the rows a fill did not name (as the sheet is then: edits since are kept). */
function removeRowsNotIn(ctx: SheetContext, def: MappingSheet, named: ReadonlySet<string>, from: string): SheetAction {
  return {
    label: `Remove the rows not in ${from}`,
    button: 'Remove them',
    work: async () => {
      const rows = (await mappingWorkbook.read(def))?.rows ?? [];
      const keep = rows.filter((r) => named.has(sourceKeyOf(r)));
      await mappingWorkbook.fill(ctx.organisation, def, keep);
      ctx.offerRemoval(null);
      return `"${def.sheet}": ${rows.length - keep.length} rows not in ${from} removed from the sheet; ${keep.length} rows left. Stored mappings are not changed by this.`;
    },
  };
}

function fillActions(ctx: SheetContext, { def, tenantId }: Io) {
  /**
   * Merges rows into what the sheet holds now, by source code (nothing of the reviewer's is lost), and writes the
   * table. Rows the new ones do not name stay; the tab asks whether to remove them.
   */
  const merge = async (incoming: CellValue[][], from: string): Promise<Merged> => {
    const existing = (await mappingWorkbook.read(def))?.rows ?? [];
    const merged = mergeRows(def, existing, incoming);
    await mappingWorkbook.fill(ctx.organisation, def, merged.rows);
    ctx.filled();
    const named = new Set(incoming.map(sourceKeyOf));
    const left = merged.rows.filter((r) => !named.has(sourceKeyOf(r)));
    const status = columnIndex(def, 'Status');
    ctx.offerRemoval(
      left.length === 0
        ? null
        : { count: left.length, written: left.filter((r) => r[status] === 'Written').length, from, remove: removeRowsNotIn(ctx, def, named, from) },
    );
    return merged;
  };
  const fillFromCsv: SheetAction<[File]> = {
    label: 'Fill the sheet from the CSV file',
    button: 'Fill from CSV file…',
    work: async (_progress, f) => {
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
      return fillSummary(def, await merge(rows, 'the file'), unused);
    },
  };
  const fillFromStore: SheetAction = {
    label: 'Fill the sheet from the stored mappings',
    button: 'Fill from stored mappings',
    work: async () => {
      const stored = await ctx.api.call('mappings', { tenantId, query: { kind: ctx.kind } });
      if (stored.mappings.length === 0) return `There are no stored ${def.title.toLowerCase()} mappings: nothing was changed.`;
      return `${stored.mappings.length} stored mappings: ${fillSummary(def, await merge(rowsFromStore(def, stored.mappings), 'the stored mappings'))}`;
    },
  };
  return { fillFromCsv, fillFromStore };
}

function reviewActions(ctx: SheetContext, { def, sheetRows, plan }: Io) {
  const suggest: SheetAction = {
    label: 'Suggest and check',
    button: 'Suggest and check',
    work: async (progress) => {
      const { sheet, answer } = await plan(progress);
      await mappingWorkbook.write(def, sheet.top, {
        Suggested: byRow(sheet, answer.rows, (r) => r?.suggestion.target ?? ''),
        // Blank where there is no suggestion: a 0 would read as a suggestion nobody trusts.
        Confidence: byRow(sheet, answer.rows, (r) => (r?.suggestion.target ? r.suggestion.confidence : null)),
        ...reviewOf(sheet, answer),
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
    work: async (progress, atLeast) => {
      const sheet = await sheetRows();
      const [target, suggested, confidence] = [columnIndex(def, 'Xero Target'), columnIndex(def, 'Suggested'), columnIndex(def, 'Confidence')];
      // Only suggestions as sure as the user asked for; the others stay beside the row for review.
      const takes = (v: CellValue[]) =>
        (v[target] === '' || v[target] === null) && v[suggested] !== '' && typeof v[confidence] === 'number' && v[confidence] >= atLeast;
      const taken = sheet.values.filter(takes).length;
      await mappingWorkbook.write(def, sheet.top, { 'Xero Target': sheet.values.map((v) => (takes(v) ? v[suggested]! : (v[target] ?? ''))) });
      // The targets changed, so the checks beside them are checked again at once (Cancel stops only that check).
      const again = await plan(progress).catch((err: unknown) => {
        if (err instanceof Cancelled) return null;
        throw err;
      });
      if (!again)
        return `${taken} suggestions at ${atLeast}% or more copied into Xero Target; checking them again was cancelled, so Check still shows the last check: run Suggest and check.`;
      await mappingWorkbook.write(def, again.sheet.top, reviewOf(again.sheet, again.answer));
      const left = sheet.values.filter((v) => (v[target] === '' || v[target] === null) && !takes(v)).length;
      return `${taken} suggestions at ${atLeast}% or more copied into Xero Target; ${left} rows left for you to choose. ${checkCounts(again.answer)}.`;
    },
  };
  const approve: SheetAction = {
    label: 'Approve rows without errors',
    button: 'Approve rows without errors',
    work: async (progress) => {
      const { sheet, answer } = await plan(progress);
      const status = columnIndex(def, 'Status');
      const bad = new Set(answer.rows.filter((r) => r.action === 'invalid').map((r) => r.row));
      await mappingWorkbook.write(def, sheet.top, {
        Status: sheet.values.map((v, i) => (bad.has(sheet.top + 1 + i) ? String(v[status] || 'Draft') : v[status] === 'Written' ? 'Written' : 'Approved')),
        ...reviewOf(sheet, answer),
      });
      return `${answer.rows.length - bad.size} rows approved; ${bad.size} left as they are (see Check).`;
    },
  };
  const preview: SheetAction = {
    label: 'Preview the change',
    button: 'Preview',
    work: async (progress) => {
      const { sheet, answer } = await plan(progress);
      await mappingWorkbook.write(def, sheet.top, { ...reviewOf(sheet, answer), Result: byRow(sheet, answer.rows, (r) => (r ? planText(r) : '')) });
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

/** The mapping tab's actions on the sheet of one kind: fill, suggest and check, accept, approve, preview, apply, undo. */
export function sheetActions(ctx: SheetContext) {
  const io = sheetIo(ctx);
  return { ...fillActions(ctx, io), ...reviewActions(ctx, io), ...writeActions(ctx, io) };
}
