/**
 * Excel's side of the task pane, for the browser tests. Bundled into an IIFE and served right after Microsoft's
 * own office.js (from the @microsoft/office-js package): office.js loads as it does in a browser outside Office
 * (host null), and this script then plays the host: `Office.onReady` reports Excel on the web, `Office.context`
 * carries the document's settings, and `Excel.run` works on the recording workbook double that the jsdom tests
 * use too. The test reads the double through `window.__workbook`.
 */
import { WorkbookDouble, formatAddress, parseAddress } from '../doubles/excel-workbook';

type Info = { host: unknown; platform: unknown };
type OfficeGlobal = {
  HostType: { Excel: unknown };
  PlatformType: { OfficeOnline: unknown };
  AsyncResultStatus: { Succeeded: unknown; Failed: unknown };
  onReady: (callback?: (info: Info) => void) => Promise<Info>;
};

export type SheetGrid = {
  name: string;
  sheets: string[];
  frozenRows: number;
  tables: { name: string; address: string }[];
  cells: { value: string; format: string; right: boolean }[][];
};

const workbook = new WorkbookDouble();
const documentSettings = new Map<string, unknown>();
let settingsSaved = 0;

const w = window as unknown as { Office: OfficeGlobal; Excel: unknown; __workbook: unknown; OsfOptOut?: boolean };
// office.js framed without Office's host handshake sends the frame to about:blank (its check for "a plain
// browser, not the top window"); its own opt-out flag keeps the pane where it is, and the host is played here.
w.OsfOptOut = true;
const office = w.Office;
const info: Info = { host: office.HostType.Excel, platform: office.PlatformType.OfficeOnline };
office.onReady = (callback) => {
  callback?.(info);
  return Promise.resolve(info);
};
Object.defineProperty(office, 'context', {
  configurable: true,
  get: () => ({
    document: {
      settings: {
        get: (name: string) => (documentSettings.has(name) ? documentSettings.get(name) : null),
        set: (name: string, value: unknown) => void documentSettings.set(name, value),
        remove: (name: string) => void documentSettings.delete(name),
        saveAsync: (callback?: (result: { status: unknown }) => void) => {
          settingsSaved++;
          callback?.({ status: office.AsyncResultStatus.Succeeded });
        },
      },
    },
    requirements: { isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && Number(version ?? '1') <= 1.13 },
    ui: {
      // Signing in with Xero is not part of these flows (they use the demo organisation); say so plainly if asked.
      displayDialogAsync: (_url: string, _options: unknown, callback: (result: { status: unknown; error: { message: string } }) => void) =>
        callback({ status: office.AsyncResultStatus.Failed, error: { message: 'The browser tests have no Xero sign-in dialog' } }),
    },
  }),
});
w.Excel = workbook.excelGlobal();

/** A cell's value as Excel shows it under its number format (money with separators, date serials as dates). */
function shown(value: string | number | boolean, format: string): string {
  if (typeof value !== 'number') return String(value);
  if (format.includes('0.00')) return value.toLocaleString('en-AU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (format === 'yyyy-mm-dd') return new Date(Math.round((value - 25569) * 86_400_000)).toISOString().slice(0, 10);
  return String(value);
}

/** What the tests read: plain data, so that it crosses from the page to the test. */
w.__workbook = {
  sheetNames: () => [...workbook.sheets.keys()],
  values: (sheet: string, address: string) => workbook.values(sheet, address),
  format: (sheet: string, address: string) => workbook.cell(sheet, address)?.format ?? 'General',
  tables: () =>
    [...workbook.tables.values()].map((t) => ({ name: t.name, sheet: t.sheet, address: formatAddress(t.rect), rows: t.rect.rows, columns: t.rect.cols })),
  frozenRows: (sheet: string) => workbook.sheets.get(sheet)?.frozenRows ?? 0,
  validations: () => Object.fromEntries(workbook.validations),
  conditionalFormats: () => Object.fromEntries(workbook.conditionalFormats),
  settings: () => Object.fromEntries(workbook.settings),
  documentSettings: () => ({ values: Object.fromEntries(documentSettings), saved: settingsSaved }),
  syncs: () => ({ count: workbook.syncs.length, largestBytes: Math.max(0, ...workbook.syncs.map((s) => s.bytes)) }),
  /** Recalculations asked for (Application.calculate), in order. */
  calculations: () => [...workbook.calculations],
  /** A user typing into a cell (the sheet's onChanged handlers run). */
  edit: (sheet: string, address: string, value: string) => workbook.edit(sheet, address, value),
  /** The top-left of a sheet as Excel would show it, for the screenshots. */
  grid: (sheet: string, rows: number, cols: number): SheetGrid => {
    const cells = workbook.values(sheet, formatAddress({ top: 0, left: 0, rows, cols })).map((row, i) =>
      row.map((value, j) => {
        const format = workbook.cell(sheet, formatAddress({ top: i, left: j, rows: 1, cols: 1 }))?.format ?? 'General';
        return { value: shown(value, format), format, right: typeof value === 'number' };
      }),
    );
    const tables = [...workbook.tables.values()].filter((t) => t.sheet === sheet).map((t) => ({ name: t.name, address: formatAddress(t.rect) }));
    return { name: sheet, sheets: [...workbook.sheets.keys()], frozenRows: workbook.sheets.get(sheet)?.frozenRows ?? 0, tables, cells };
  },
  parseAddress,
};
