import { contentBottom, drawTitle, MARGIN } from './document';
import type { Doc, TitleBlock } from './document';
import { drawLine, textWidth, wrapText } from './text';
import type { TextStyle } from './text';

/**
 * A report table that never cuts a figure. Figure and fixed columns are as wide as their widest
 * content; text columns (names, references) share what is left and wrap. When the figures do not fit
 * in one line at the smallest type, they go into bands: each row prints as one line per band, under a
 * header with one line per band. The title block and the header are repeated on every page.
 */
export type TableColumn = { title: string; align: 'left' | 'right'; kind: 'text' | 'fixed' | 'figure'; min?: number };

/** A row: cells in column order; a heading row prints its first cell across the whole table. */
export type TableRow = { cells: string[]; bold?: boolean; rule?: boolean; heading?: boolean; gapBefore?: boolean };

const SIZES = [8, 7.5, 7, 6.5, 6];
const PAD = 6;
const TEXT_MIN = 110;

type Layout = { size: number; widths: number[]; bands: number[][]; keys: number[] };

const lineHeight = (size: number) => size * 1.6;

/** The widest content of each column (header words included), at a type size. */
function contentWidths(doc: Doc, columns: TableColumn[], rows: TableRow[], size: number): number[] {
  return columns.map((c, i) => {
    if (c.kind === 'text') return c.min ?? TEXT_MIN;
    let w = Math.max(...c.title.split(' ').map((word) => textWidth(doc, word, { size, bold: true })));
    for (const r of rows) if (!r.heading && r.cells[i]) w = Math.max(w, textWidth(doc, r.cells[i] as string, { size, bold: !!r.bold }));
    return w + PAD;
  });
}

/**
 * Figures in bands of equal width, as evenly filled as the room allows, so that the bands line up
 * as one grid (a row's second line sits under its first).
 */
function banded(figures: number[], widths: number[], room: number): number[][] {
  const w = Math.max(...figures.map((f) => widths[f] as number));
  for (const f of figures) widths[f] = w;
  const perBand = Math.max(1, Math.floor(room / w));
  const count = Math.ceil(figures.length / perBand);
  const each = Math.ceil(figures.length / count);
  return Array.from({ length: count }, (_, b) => figures.slice(b * each, (b + 1) * each));
}

/** Sizes the columns: the largest type at which everything fits in one band, else bands at the smallest type. */
function layout(doc: Doc, columns: TableColumn[], rows: TableRow[], usable: number): Layout {
  const keys = columns.flatMap((c, i) => (c.kind === 'figure' ? [] : [i]));
  const figures = columns.flatMap((c, i) => (c.kind === 'figure' ? [i] : []));
  for (const size of SIZES) {
    const widths = contentWidths(doc, columns, rows, size);
    const total = widths.reduce((a, b) => a + b, 0);
    if (total <= usable || size === SIZES[SIZES.length - 1]) {
      const keyWidth = keys.reduce((a, k) => a + (widths[k] as number), 0);
      const room = usable - keyWidth;
      const bands = total <= usable ? [figures] : banded(figures, widths, room);
      const widest = Math.max(...bands.map((b) => b.reduce((a, f) => a + (widths[f] as number), 0)));
      // Text columns share what the key columns and the widest band leave.
      const texts = columns.flatMap((c, i) => (c.kind === 'text' ? [i] : []));
      const spare = usable - keyWidth - widest;
      for (const t of texts) widths[t] = (widths[t] as number) + spare / texts.length;
      return { size, widths, bands, keys };
    }
  }
  throw new Error('unreachable');
}

type Cell = { i: number; lines: string[] };
type Measured = { style: TextStyle; bands: Cell[][] };

/** Writes a table's rows down the pages: sized once, then measured and drawn row by row. */
class TableWriter {
  private readonly l: Layout;
  private readonly lh: number;
  private readonly usable: number;
  private readonly x: number[] = [];
  private y: number;

  constructor(
    private readonly doc: Doc,
    private readonly title: TitleBlock,
    top: number,
    private readonly columns: TableColumn[],
    rows: TableRow[],
  ) {
    this.usable = doc.page.width - 2 * MARGIN;
    this.l = layout(doc, columns, rows, this.usable);
    this.lh = lineHeight(this.l.size);
    this.y = top;
    // Key columns from the left; each band's figures after them.
    let at = MARGIN;
    for (const k of this.l.keys) {
      this.x[k] = at;
      at += this.l.widths[k] as number;
    }
    for (const band of this.l.bands) {
      let fx = at;
      for (const f of band) {
        this.x[f] = fx;
        fx += this.l.widths[f] as number;
      }
    }
  }

  /** The lines of a row: one per band, each as tall as its most wrapped cell; the key cells print in the first band. */
  private measure(r: TableRow, header = false): Measured {
    const { doc, l, columns } = this;
    const style: TextStyle = { size: l.size, bold: header || !!r.bold };
    if (r.heading) return { style, bands: [[{ i: 0, lines: wrapText(doc, r.cells[0] ?? '', this.usable, style) }]] };
    const lines = (i: number, b: number): string[] => {
      const col = columns[i] as TableColumn;
      const width = (l.widths[i] as number) - PAD / 2;
      if (header) return wrapText(doc, b === 0 || !l.keys.includes(i) ? col.title : '', width, style);
      return col.kind === 'text' ? wrapText(doc, r.cells[i] ?? '', width, style) : [r.cells[i] ?? ''];
    };
    return { style, bands: l.bands.map((band, b) => [...(b === 0 || header ? l.keys : []), ...band].map((i) => ({ i, lines: lines(i, b) }))) };
  }

  private heightOf(m: Measured): number {
    return m.bands.reduce((h, cells) => h + Math.max(1, ...cells.map((c) => c.lines.length)) * this.lh, 0);
  }

  private draw(r: TableRow, m: Measured): void {
    const { doc, l, lh } = this;
    for (const cells of m.bands) {
      for (const c of cells) {
        const at = r.heading
          ? { x: MARGIN, width: this.usable, align: 'left' as const }
          : { x: this.x[c.i] as number, width: (l.widths[c.i] as number) - PAD / 2, align: (this.columns[c.i] as TableColumn).align };
        c.lines.forEach((line, n) => drawLine(doc, line, { ...at, y: this.y + 1 + n * lh }, m.style));
      }
      this.y += Math.max(1, ...cells.map((c) => c.lines.length)) * lh;
    }
    const right = MARGIN + this.usable;
    if (r.rule) doc.moveTo(MARGIN, this.y).lineTo(right, this.y).lineWidth(0.5).stroke('#000000');
    // In bands, a hairline closes each row so that its lines read as one.
    else if (l.bands.length > 1 && !r.heading) doc.moveTo(MARGIN, this.y).lineTo(right, this.y).lineWidth(0.2).stroke('#bbbbbb');
  }

  /** A new page: the title block, then the column header. */
  private newPage(withHeader: boolean): void {
    this.doc.addPage();
    this.y = drawTitle(this.doc, this.title);
    if (withHeader) this.header();
  }

  header(): void {
    const headerRow: TableRow = { cells: this.columns.map((c) => c.title), rule: true };
    this.draw(headerRow, this.measure(headerRow, true));
    this.y += 2;
  }

  /** A row, on a new page if it does not fit; a heading is kept with the row after it. */
  row(r: TableRow, next: TableRow | undefined): void {
    const m = this.measure(r);
    let need = this.heightOf(m) + (r.gapBefore ? this.lh / 2 : 0);
    if (r.heading && next) need += this.heightOf(this.measure(next));
    if (this.y + need > contentBottom(this.doc)) this.newPage(true);
    else if (r.gapBefore) this.y += this.lh / 2;
    this.draw(r, m);
  }

  notes(notes: string[]): void {
    const style = { size: 8, bold: false };
    this.y += this.lh;
    for (const note of notes)
      for (const line of wrapText(this.doc, note, this.usable, style)) {
        if (this.y + lineHeight(8) > contentBottom(this.doc)) this.newPage(false);
        drawLine(this.doc, line, { x: MARGIN, y: this.y, width: this.usable, align: 'left' }, style);
        this.y += lineHeight(8);
      }
    this.doc.y = this.y;
  }
}

/** Draws the table from `top` on, with its header on every page, then the notes under it. */
export function drawTable(doc: Doc, title: TitleBlock, top: number, columns: TableColumn[], rows: TableRow[], notes: string[] = []): void {
  const writer = new TableWriter(doc, title, top, columns, rows);
  writer.header();
  rows.forEach((r, n) => writer.row(r, rows[n + 1]));
  writer.notes(notes);
}
