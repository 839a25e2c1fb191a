import type { Organisation } from '../../core/domain';
import { columnIndex } from '../sheets/mapping-sheets';
import type { MappingSheet } from '../sheets/mapping-sheets';
import type { CellValue } from '../../core/sheets/cells';
import { fillMappingTable, readMappingTable, watchMappingEdits, writeMappingColumns } from './mapping-sheet';
import type { MappingTableRows } from './mapping-sheet';
import { ensureBinding } from './workbook';
import type { BoundOrganisation } from './workbook';

type DriftEntry = { kind: string; source: string; problem: string };

/** Marks, on the mapping sheets that exist, the rows whose stored mapping no longer fits Xero. */
async function flagDrift(drift: readonly DriftEntry[], sheets: readonly MappingSheet[]): Promise<number> {
  let flagged = 0;
  for (const def of sheets) {
    const mine = new Map(drift.filter((d) => d.kind === def.kind).map((d) => [d.source.toLowerCase(), d.problem]));
    if (mine.size === 0) continue;
    await Excel.run(async (context) => {
      const table = await readMappingTable(context, def);
      if (!table) return;
      const checkIndex = columnIndex(def, 'Check');
      const check = table.rows.map((r) => {
        const problem = mine.get(
          String(r[0] ?? '')
            .trim()
            .toLowerCase(),
        );
        if (!problem) return r[checkIndex] ?? '';
        flagged++;
        return `Error: changed in Xero since it was mapped: ${problem}`;
      });
      await writeMappingColumns(context, def, table.top, { Check: check });
    });
  }
  return flagged;
}

/** The pane's entry points for the mapping sheets (each one Excel.run). */
export const mappingWorkbook = {
  fill: (organisation: Organisation, def: MappingSheet, rows: CellValue[][]) =>
    Excel.run(async (context) => {
      await ensureBinding(context, organisation);
      return fillMappingTable(context, def, rows);
    }),
  read: (def: MappingSheet): Promise<MappingTableRows | null> => Excel.run((context) => readMappingTable(context, def)),
  write: (def: MappingSheet, top: number, columns: Record<string, CellValue[]>) => Excel.run((context) => writeMappingColumns(context, def, top, columns)),
  flagDrift,
  /** Runs the checks again when the user edits the sheet; returns how to stop. */
  watch: (def: MappingSheet, onEdit: () => void) => watchMappingEdits(def, onEdit),
  /** The organisation the workbook is bound to (writes go only there). */
  binding: (organisation: Organisation): Promise<BoundOrganisation> => Excel.run((context) => ensureBinding(context, organisation)),
};
