import type { ApplyResponse } from '../../core/contract';
import { mappingWorkbook } from '../excel/mapping';
import { recalculateWorkbook } from '../excel/recalculate';
import { columnIndex } from '../sheets/mapping-sheets';
import { sourceKeyOf } from '../sheets/merge-rows';
import { statusAfterApply } from './checks-text';
import { applyInParts } from './in-parts';
import { byRow } from './sheet-io';
import type { Io, SheetAction, SheetContext } from './sheet-io';

type Result = ApplyResponse['results'][number];

const countOf = (results: readonly Result[]) => (x: Result['result']) => results.filter((r) => r.result === x).length;

export function writeActions(ctx: SheetContext, { def, tenantId, sheetRows }: Io) {
  const { api, organisation, kind } = ctx;
  /** A write's headers: a new idempotency key, and the organisation this workbook belongs to (writes go only there). */
  const writeHeaders = async (what: string) => {
    const bound = await mappingWorkbook.binding(organisation);
    return { 'idempotency-key': `${what}-${crypto.randomUUID()}`, 'x-workbook-organisation': bound.tenantId };
  };
  const apply: SheetAction = {
    label: 'Apply the approved rows',
    button: 'Apply approved rows',
    work: async (progress) => {
      const sheet = await sheetRows();
      const done = await applyInParts(
        { api, tenantId, kind },
        { rows: sheet.rows, planVersion: ctx.planVersion() ?? 0, headers: () => writeHeaders('apply') },
        progress,
      );
      // What was previewed has been applied (or the run stopped): Apply waits for the next preview.
      ctx.previewed(null);
      // The sheet says what was answered, also when Cancel or a failure stopped the run midway; rows not reached keep their cells.
      const status = columnIndex(def, 'Status');
      if (done.results.length > 0)
        await mappingWorkbook.write(def, sheet.top, {
          Status: byRow(sheet, done.results, (r, v) => statusAfterApply(r?.result, v[status])),
          Result: byRow(sheet, done.results, (r, v) => (r ? `${r.result}: ${r.message}` : (v[columnIndex(def, 'Result')] ?? ''))),
        });
      // Cells with =XERO.MAPPING(…) show what was written.
      if (done.batches.length > 0) await recalculateWorkbook();
      const count = countOf(done.results);
      const tally = `${count('written')} written, ${count('unchanged')} unchanged, ${count('failed')} failed, ${count('conflict')} conflicts, ${count('skipped')} not approved`;
      const undo =
        done.batches.length > 1
          ? `in ${done.batches.length} batches of one run (Undo the last batch undoes them all)`
          : done.batches.length === 1
            ? 'as one batch (Undo the last batch puts it back)'
            : 'with no batch made (nothing was written)';
      if (done.error) {
        if (done.partsDone === 0) throw done.error;
        const why = done.error instanceof Error ? done.error.message : String(done.error);
        throw new Error(`${why}. Before that, ${done.partsDone} of ${done.parts} parts were applied ${undo}: ${tally}; the other rows were not sent`);
      }
      if (done.cancelled) return `Cancelled after ${done.partsDone} of ${done.parts} parts, applied ${undo}: ${tally}. The other rows were not sent.`;
      return `Applied ${undo}: ${tally}.`;
    },
  };
  const undo: SheetAction = {
    label: 'Undo the last batch',
    button: 'Undo the last batch',
    work: async (progress) => {
      const { batches } = await api.call('mappingHistory', { tenantId });
      // A batch that changed nothing (every Xero write refused) has nothing to undo; a run's batches are undone together.
      const open = batches.filter((b) => b.kind === kind && !b.reverts && !b.revertedBy && b.changes > 0);
      const last = open[0];
      if (!last) throw new Error(`There is no applied ${def.title.toLowerCase()} batch to undo`);
      const toUndo = last.run ? open.filter((b) => b.run === last.run) : [last];
      const sheet = await sheetRows();
      const results: Result[] = [];
      let undone = 0;
      progress.step(0, toUndo.length);
      for (const batch of toUndo) {
        if (progress.cancelled && undone > 0) break;
        const answer = await api.call('batchRevert', { tenantId, batchId: batch.id, headers: await writeHeaders('revert') });
        results.push(...answer.results);
        progress.step(++undone, toUndo.length);
      }
      // The sheet's rows of the batches' source codes now say what the undo did to each (the sheet may have been filled again).
      const bySource = new Map(results.map((r) => [(r.source ?? '').trim().toLowerCase(), r]));
      const [status, result] = [columnIndex(def, 'Status'), columnIndex(def, 'Result')];
      await mappingWorkbook.write(def, sheet.top, {
        Status: sheet.values.map((v) => statusAfterApply(bySource.get(sourceKeyOf(v))?.result, v[status])),
        Result: sheet.values.map((v) => {
          const r = bySource.get(sourceKeyOf(v));
          return r ? `${r.result}: ${r.message}` : (v[result] ?? '');
        }),
      });
      await recalculateWorkbook();
      const reverted = results.filter((r) => r.result === 'reverted').length;
      const failed = results.length - reverted;
      const what = toUndo.length > 1 ? `Last ${def.title.toLowerCase()} run (${toUndo.length} batches)` : `Last ${def.title.toLowerCase()} batch`;
      const put = `${reverted} mappings put back${failed > 0 ? `, ${failed} failed (see Result)` : ''}`;
      // Cancelled between batches: the rest of the run stands, and Undo undoes it next time.
      if (undone < toUndo.length) return `${what}: cancelled after ${undone} of its batches: ${put}. Undo the last batch again for the rest.`;
      return `${what} undone: ${put}.`;
    },
  };
  return { apply, undo };
}
