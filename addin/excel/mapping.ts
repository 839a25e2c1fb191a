import type { Organisation } from '../../core/domain';
import type { MappingSheet } from '../sheets/mapping-sheets';
import type { CellValue } from './cells';
import { fillMappingTable, readMappingTable, watchMappingEdits, writeMappingColumns } from './mapping-sheet';
import type { MappingTableRows } from './mapping-sheet';
import { ensureBinding } from './workbook';
import type { BoundOrganisation } from './workbook';

/** The pane's entry points for the mapping sheets (each one Excel.run). */
export const mappingWorkbook = {
  fill: (organisation: Organisation, def: MappingSheet, rows: CellValue[][]) =>
    Excel.run(async (context) => {
      await ensureBinding(context, organisation);
      return fillMappingTable(context, def, rows);
    }),
  read: (def: MappingSheet): Promise<MappingTableRows | null> => Excel.run((context) => readMappingTable(context, def)),
  write: (def: MappingSheet, top: number, columns: Record<string, CellValue[]>) => Excel.run((context) => writeMappingColumns(context, def, top, columns)),
  /** Runs the checks again when the user edits the sheet; returns how to stop. */
  watch: (def: MappingSheet, onEdit: () => void) => watchMappingEdits(def, onEdit),
  /** The organisation the workbook is bound to (writes go only there). */
  binding: (organisation: Organisation): Promise<BoundOrganisation> => Excel.run((context) => ensureBinding(context, organisation)),
};
