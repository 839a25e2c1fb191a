import type { Organisation } from '../../core/domain';
import type { MappingSheet } from '../sheets/mapping-sheets';
import type { CellValue } from './cells';
import { fillMappingTable, readMappingTable, writeMappingColumns } from './mapping-sheet';
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
  /** The organisation the workbook is bound to (writes go only there). */
  binding: (organisation: Organisation): Promise<BoundOrganisation> => Excel.run((context) => ensureBinding(context, organisation)),
};
