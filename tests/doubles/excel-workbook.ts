/**
 * A recording stand-in for Excel's workbook, for the parts of the Excel JavaScript API the pane uses.
 * It behaves as Office.js does where that matters to correctness: every call is queued and runs only at
 * `context.sync()`, in order; properties can be read only after they were loaded and synced
 * (PropertyNotLoaded otherwise); `*OrNullObject` results say `isNullObject` after a sync. Each sync is
 * recorded with the operations it ran and the bytes its values carried, and a batch over 5 MB is refused
 * as Excel on the web refuses it.
 */

type Cell = { value: string | number | boolean; format: string };
type Rect = { top: number; left: number; rows: number; cols: number }; // 0-based
type SheetState = { name: string; cells: Map<string, Cell>; frozenRows: number };
type TableState = { name: string; sheet: string; rect: Rect };

export type SyncRecord = { ops: string[]; bytes: number };

const EXCEL_WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

/** UTF-8 size of a request body (works in Node and in a browser, where the browser tests run this double). */
const byteLength = (text: string): number => new TextEncoder().encode(text).length;

class PropertyNotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was read before load() and sync()`);
  }
}

export function parseAddress(address: string): Rect {
  const a = address.split('!').pop() as string;
  const [from, to = from] = a.split(':') as [string, string?];
  const cell = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`InvalidArgument: bad address ${address}`);
    let col = 0;
    for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const f = cell(from);
  const t = cell(to as string);
  return { top: f.row, left: f.col, rows: t.row - f.row + 1, cols: t.col - f.col + 1 };
}

function letters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function formatAddress(r: Rect): string {
  const from = `${letters(r.left)}${r.top + 1}`;
  const to = `${letters(r.left + r.cols - 1)}${r.top + r.rows}`;
  return from === to ? from : `${from}:${to}`;
}

const key = (row: number, col: number) => `${row},${col}`;

export class WorkbookDouble {
  readonly sheets = new Map<string, SheetState>();
  readonly tables = new Map<string, TableState>();
  readonly syncs: SyncRecord[] = [];
  /** Workbook settings (Excel.SettingCollection), stored with the workbook. */
  readonly settings = new Map<string, unknown>();
  /** Conditional formats by sheet!address. */
  readonly conditionalFormats = new Map<string, Array<{ type: string; font: string | null; fill: string | null; rule: unknown }>>();
  /** Data validation rules by sheet!address. */
  readonly validations = new Map<string, unknown>();
  /** Recalculations asked for (Application.calculate), by calculation type. */
  readonly calculations: string[] = [];
  private queue: Array<{ label: string; bytes: number; run: () => void }> = [];

  /** Puts a value into a cell directly, as a user typing would (for setting up a test). */
  type(sheet: string, address: string, value: string | number): void {
    const s = this.ensureSheet(sheet);
    const r = parseAddress(address);
    s.cells.set(key(r.top, r.left), { value, format: s.cells.get(key(r.top, r.left))?.format ?? 'General' });
  }

  ensureSheet(name: string): SheetState {
    let s = this.sheets.get(name);
    if (!s) {
      s = { name, cells: new Map(), frozenRows: 0 };
      this.sheets.set(name, s);
    }
    return s;
  }

  cell(sheet: string, address: string): Cell | undefined {
    const r = parseAddress(address);
    return this.sheets.get(sheet)?.cells.get(key(r.top, r.left));
  }

  /** The values of a block, '' for empty cells. */
  values(sheet: string, address: string): (string | number | boolean)[][] {
    const r = parseAddress(address);
    const s = this.sheets.get(sheet);
    return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => s?.cells.get(key(r.top + i, r.left + j))?.value ?? ''));
  }

  enqueue(label: string, run: () => void, bytes = 0): void {
    this.queue.push({ label, run, bytes });
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const bytes = batch.reduce((sum, op) => sum + op.bytes, 0);
    if (bytes > EXCEL_WEB_REQUEST_LIMIT) {
      throw new Error(`RequestPayloadSizeLimitExceeded: this batch carries ${bytes} bytes`);
    }
    this.syncs.push({ ops: batch.map((op) => op.label), bytes });
    for (const op of batch) op.run();
  }

  usedWithin(sheet: string, r: Rect): Rect | null {
    const s = this.sheets.get(sheet);
    if (!s) return null;
    let minR = Infinity,
      minC = Infinity,
      maxR = -1,
      maxC = -1;
    for (const [k, cell] of s.cells) {
      if (cell.value === '') continue;
      const [row, col] = k.split(',').map(Number) as [number, number];
      if (row < r.top || row >= r.top + r.rows || col < r.left || col >= r.left + r.cols) continue;
      minR = Math.min(minR, row);
      maxR = Math.max(maxR, row);
      minC = Math.min(minC, col);
      maxC = Math.max(maxC, col);
    }
    return maxR < 0 ? null : { top: minR, left: minC, rows: maxR - minR + 1, cols: maxC - minC + 1 };
  }

  /** An Excel.RequestContext over this workbook. */
  context(): Excel.RequestContext {
    return { workbook: new WorkbookProxy(this), sync: () => this.sync() } as unknown as Excel.RequestContext;
  }

  /** Worksheet change handlers (worksheet.onChanged), by sheet. */
  readonly changeHandlers = new Map<string, Set<(event: { address: string; worksheetId: string }) => unknown>>();

  /** A user typing into a cell: the value is stored and the sheet's onChanged handlers are called. */
  async edit(sheet: string, address: string, value: string | number): Promise<void> {
    this.type(sheet, address, value);
    for (const handler of this.changeHandlers.get(sheet) ?? []) await handler({ address: `${sheet}!${address}`, worksheetId: sheet });
  }

  /** The `Excel` global as the pane sees it inside Excel: `Excel.run` over this workbook (optionally reusing a context). */
  excelGlobal(): { run: <T>(first: unknown, second?: (context: Excel.RequestContext) => Promise<T>) => Promise<T> } {
    return {
      run: async <T>(first: unknown, second?: (context: Excel.RequestContext) => Promise<T>) => {
        const batch = (second ?? first) as (context: Excel.RequestContext) => Promise<T>;
        const context = second ? (first as Excel.RequestContext) : this.context();
        const result = await batch(context);
        await this.sync();
        return result;
      },
    };
  }
}

/** Base for proxies whose properties become readable after load + sync. */
class Loadable {
  private loaded = new Map<string, unknown>();
  private pending = new Set<string>();
  constructor(protected readonly wb: WorkbookDouble) {}

  load(props?: string | string[]): this {
    const list = props === undefined ? ['*'] : Array.isArray(props) ? props : props.split(',').map((p) => p.trim());
    for (const p of list) this.pending.add(p);
    const wanted = [...list];
    this.wb.enqueue(`load ${this.constructor.name}(${wanted.join(',')})`, () => {
      for (const p of wanted) this.loaded.set(p, this.read(p));
      this.loaded.set('isNullObject', this.read('isNullObject'));
    });
    return this;
  }

  protected get(prop: string): unknown {
    if (!this.loaded.has(prop)) throw new PropertyNotLoaded(`${this.constructor.name}.${prop}`);
    return this.loaded.get(prop);
  }

  get isNullObject(): boolean {
    return this.get('isNullObject') as boolean;
  }

  /** Reads a property from the workbook state at sync time. */
  protected read(_prop: string): unknown {
    return undefined;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly application: { calculate: (type: string) => void };
  constructor(wb: WorkbookDouble) {
    this.application = { calculate: (type) => wb.enqueue(`application.calculate(${type})`, () => wb.calculations.push(type)) };
    this.worksheets = new WorksheetCollectionProxy(wb);
    this.tables = new TableCollectionProxy(wb);
    this.settings = new SettingCollectionProxy(wb);
  }
}

class SettingCollectionProxy {
  constructor(private readonly wb: WorkbookDouble) {}
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.wb, key);
  }
  add(key: string, value: unknown): SettingProxy {
    this.wb.enqueue(`settings.add(${key})`, () => {
      this.wb.settings.set(key, value);
    });
    return new SettingProxy(this.wb, key);
  }
}

class SettingProxy extends Loadable {
  constructor(
    wb: WorkbookDouble,
    private readonly key: string,
  ) {
    super(wb);
  }
  protected override read(prop: string): unknown {
    if (prop === 'isNullObject') return !this.wb.settings.has(this.key);
    if (prop === 'value') return this.wb.settings.get(this.key);
    return undefined;
  }
  get value(): unknown {
    return this.get('value');
  }
}

class WorksheetCollectionProxy {
  constructor(private readonly wb: WorkbookDouble) {}
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.wb, () => name);
  }
  getItem(name: string): WorksheetProxy {
    this.wb.enqueue(`worksheets.getItem(${name})`, () => {
      if (!this.wb.sheets.has(name)) throw new Error(`ItemNotFound: sheet ${name}`);
    });
    return new WorksheetProxy(this.wb, () => name);
  }
  add(name: string): WorksheetProxy {
    this.wb.enqueue(`worksheets.add(${name})`, () => {
      if (this.wb.sheets.has(name)) throw new Error(`ItemAlreadyExists: sheet ${name}`);
      this.wb.ensureSheet(name);
    });
    return new WorksheetProxy(this.wb, () => name);
  }
}

class WorksheetProxy extends Loadable {
  constructor(
    wb: WorkbookDouble,
    private readonly nameOf: () => string,
  ) {
    super(wb);
  }
  protected override read(prop: string): unknown {
    const sheet = this.wb.sheets.get(this.nameOf());
    if (prop === 'isNullObject') return !sheet;
    if (prop === 'name') return sheet?.name;
    return undefined;
  }
  get name(): string {
    return this.get('name') as string;
  }
  /** A range of the sheet; with no address, the whole sheet. */
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.wb, () => ({
      sheet: this.nameOf(),
      rect: address ? parseAddress(address) : { top: 0, left: 0, rows: 1_048_576, cols: 16_384 },
    }));
  }
  get tables() {
    return {
      add: (address: string, hasHeaders: boolean) => {
        const table = { name: `Table${this.wb.tables.size + 1}` };
        const state: { ref: TableState | null } = { ref: null };
        this.wb.enqueue(`tables.add(${address}, ${hasHeaders})`, () => {
          const t: TableState = { name: table.name, sheet: this.nameOf(), rect: parseAddress(address) };
          this.wb.tables.set(t.name, t);
          state.ref = t;
        });
        return new TableProxy(this.wb, () => state.ref);
      },
    };
  }
  get onChanged() {
    return {
      add: (handler: (event: { address: string; worksheetId: string }) => unknown) => {
        const name = this.nameOf();
        const context = { workbook: new WorkbookProxy(this.wb), sync: () => this.wb.sync() };
        this.wb.enqueue(`onChanged.add(${name})`, () => {
          const set = this.wb.changeHandlers.get(name) ?? new Set();
          set.add(handler);
          this.wb.changeHandlers.set(name, set);
        });
        return {
          context,
          remove: () => this.wb.enqueue(`onChanged.remove(${name})`, () => this.wb.changeHandlers.get(name)?.delete(handler)),
        };
      },
    };
  }

  get freezePanes() {
    return {
      freezeRows: (count: number) =>
        this.wb.enqueue(`freezeRows(${count})`, () => {
          this.wb.ensureSheet(this.nameOf()).frozenRows = count;
        }),
    };
  }
}

class TableCollectionProxy {
  constructor(private readonly wb: WorkbookDouble) {}
  getItemOrNullObject(name: string): TableProxy {
    return new TableProxy(this.wb, () => this.wb.tables.get(name) ?? null);
  }
}

class TableProxy extends Loadable {
  constructor(
    wb: WorkbookDouble,
    private readonly find: () => TableState | null,
  ) {
    super(wb);
  }
  protected override read(prop: string): unknown {
    const t = this.find();
    if (prop === 'isNullObject') return !t;
    if (prop === 'name') return t?.name;
    return undefined;
  }
  get name(): string {
    return this.get('name') as string;
  }
  set name(value: string) {
    this.wb.enqueue(`table.name = ${value}`, () => {
      const t = this.find();
      if (!t) throw new Error('ItemNotFound: table');
      if (this.wb.tables.has(value) && this.wb.tables.get(value) !== t) throw new Error(`ItemAlreadyExists: table ${value}`);
      this.wb.tables.delete(t.name);
      t.name = value;
      this.wb.tables.set(value, t);
    });
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.wb, () => {
      const t = this.find();
      if (!t) throw new Error('ItemNotFound: table');
      return { sheet: t.sheet, rect: t.rect };
    });
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.wb, () => this.find()?.sheet ?? '');
  }
  delete(): void {
    this.wb.enqueue('table.delete()', () => {
      const t = this.find();
      if (!t) throw new Error('ItemNotFound: table');
      this.wb.tables.delete(t.name);
    });
  }
  resize(address: string): void {
    this.wb.enqueue(`table.resize(${address})`, () => {
      const t = this.find();
      if (!t) throw new Error('ItemNotFound: table');
      t.rect = parseAddress(address);
    });
  }
}

type Target = { sheet: string; rect: Rect };

class RangeProxy extends Loadable {
  constructor(
    wb: WorkbookDouble,
    private readonly target: () => Target | null,
  ) {
    super(wb);
  }
  private where(): Target {
    const t = this.target();
    if (!t) throw new Error('ItemNotFound: range');
    return t;
  }
  protected override read(prop: string): unknown {
    const t = this.target();
    if (prop === 'isNullObject') return !t;
    if (!t) return undefined;
    switch (prop) {
      case 'rowIndex':
        return t.rect.top;
      case 'columnIndex':
        return t.rect.left;
      case 'rowCount':
        return t.rect.rows;
      case 'columnCount':
        return t.rect.cols;
      case 'address':
        return `${t.sheet}!${formatAddress(t.rect)}`;
      case 'values':
        return this.wb.values(t.sheet, formatAddress(t.rect));
      default:
        return undefined;
    }
  }
  get rowIndex(): number {
    return this.get('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.get('columnIndex') as number;
  }
  get rowCount(): number {
    return this.get('rowCount') as number;
  }
  get columnCount(): number {
    return this.get('columnCount') as number;
  }
  get address(): string {
    return this.get('address') as string;
  }

  set values(values: (string | number | boolean)[][]) {
    const bytes = byteLength(JSON.stringify(values));
    this.wb.enqueue(
      'values',
      () => {
        const { sheet, rect } = this.where();
        if (values.length !== rect.rows || values.some((row) => row.length !== rect.cols)) {
          throw new Error(`InvalidArgument: ${values.length} rows of values for ${formatAddress(rect)}`);
        }
        const s = this.wb.ensureSheet(sheet);
        values.forEach((row, i) =>
          row.forEach((value, j) => {
            const k = key(rect.top + i, rect.left + j);
            const format = s.cells.get(k)?.format ?? 'General';
            s.cells.set(k, { value: storedValue(value, format), format });
          }),
        );
      },
      bytes,
    );
  }
  get values(): (string | number | boolean)[][] {
    return this.get('values') as (string | number | boolean)[][];
  }

  set numberFormat(format: string | string[][]) {
    const bytes = byteLength(JSON.stringify(format));
    this.wb.enqueue(
      `numberFormat ${JSON.stringify(format)}`,
      () => {
        const { sheet, rect } = this.where();
        const s = this.wb.ensureSheet(sheet);
        for (let i = 0; i < rect.rows; i++) {
          for (let j = 0; j < rect.cols; j++) {
            const f = typeof format === 'string' ? format : (format[i]?.[j] as string);
            const k = key(rect.top + i, rect.left + j);
            s.cells.set(k, { value: s.cells.get(k)?.value ?? '', format: f });
          }
        }
      },
      bytes,
    );
  }

  clear(applyTo?: string): void {
    this.wb.enqueue(`clear(${applyTo ?? 'All'})`, () => {
      const { sheet, rect } = this.where();
      const s = this.wb.sheets.get(sheet);
      if (!s) return;
      for (const [k, c] of s.cells) {
        const [row, col] = k.split(',').map(Number) as [number, number];
        if (row < rect.top || row >= rect.top + rect.rows || col < rect.left || col >= rect.left + rect.cols) continue;
        if (applyTo === 'Contents') s.cells.set(k, { ...c, value: '' });
        else s.cells.delete(k);
      }
    });
  }

  getRowsBelow(count: number): RangeProxy {
    return new RangeProxy(this.wb, () => {
      const { sheet, rect } = this.where();
      return { sheet, rect: { top: rect.top + rect.rows, left: rect.left, rows: count, cols: rect.cols } };
    });
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.wb, () => {
      const t = this.target();
      if (!t) return null;
      const used = this.wb.usedWithin(t.sheet, t.rect);
      return used ? { sheet: t.sheet, rect: used } : null;
    });
  }

  /** Conditional formats: text rules recorded per range address. */
  get conditionalFormats() {
    const wb = this.wb;
    const where = () => this.where();
    return {
      clearAll: () =>
        wb.enqueue('conditionalFormats.clearAll()', () => {
          const { sheet, rect } = where();
          wb.conditionalFormats.delete(`${sheet}!${formatAddress(rect)}`);
        }),
      add: (type: string) => {
        const format: { type: string; font: string | null; fill: string | null; rule: unknown } = { type, font: null, fill: null, rule: null };
        wb.enqueue(`conditionalFormats.add(${type})`, () => {
          const { sheet, rect } = where();
          const key = `${sheet}!${formatAddress(rect)}`;
          wb.conditionalFormats.set(key, [...(wb.conditionalFormats.get(key) ?? []), format]);
        });
        return {
          textComparison: {
            format: {
              font: {
                set color(c: string) {
                  format.font = c;
                },
              },
              fill: {
                set color(c: string) {
                  format.fill = c;
                },
              },
            },
            set rule(r: unknown) {
              format.rule = r;
            },
          },
        };
      },
    };
  }

  /** Data validation (drop-downs): recorded per range address. */
  get dataValidation() {
    const wb = this.wb;
    const where = () => this.where();
    return {
      clear: () => wb.enqueue('dataValidation.clear()', () => undefined),
      set rule(rule: unknown) {
        wb.enqueue(`dataValidation.rule ${JSON.stringify(rule)}`, () => {
          const { sheet, rect } = where();
          wb.validations.set(`${sheet}!${formatAddress(rect)}`, rule);
        });
      },
      set errorAlert(alert: unknown) {
        wb.enqueue('dataValidation.errorAlert', () => void alert);
      },
    };
  }

  get format() {
    return {
      font: {
        set bold(value: boolean) {
          void value;
        },
      },
      autofitColumns: () => undefined,
    };
  }
}

/**
 * What Excel stores for a value typed into a cell with a number format: in a text-formatted cell
 * everything stays text; elsewhere text starting with "=" becomes a formula (recorded as FORMULA:…),
 * a leading apostrophe is a hidden prefix, and numeric-looking text becomes a number (0400 → 400).
 */
function storedValue(value: string | number | boolean, format: string): string | number | boolean {
  if (typeof value !== 'string' || format === '@') return value;
  if (value.startsWith("'")) return value.slice(1);
  if (value.startsWith('=')) return `FORMULA:${value}`;
  if (/^[+-]?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value;
}
