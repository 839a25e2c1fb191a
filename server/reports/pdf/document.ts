import PDFDocument from 'pdfkit';
import { drawLine, wrapText } from './text';
import type { TextStyle } from './text';

/**
 * A report PDF's pages: A4 landscape; on every page the title block (organisation, report, what it
 * covers) and, at the foot, when it was made and "Page n of m". Rendered on the proxy with pdfkit
 * (Office's own PDF export returns empty files on Excel on the web).
 */
export type Doc = PDFKit.PDFDocument;

export const MARGIN = 36;
const FOOT = 22;

export type TitleBlock = { organisation: string; title: string; lines: string[]; footer: string };

/** Draws the title block at the top of the current page; returns where the page's content starts. */
export function drawTitle(doc: Doc, t: TitleBlock): number {
  const width = doc.page.width - 2 * MARGIN;
  let y = MARGIN;
  const block = (text: string, style: TextStyle, lineHeight: number) => {
    for (const line of wrapText(doc, text, width, style)) {
      drawLine(doc, line, { x: MARGIN, y, width, align: 'left' }, style);
      y += lineHeight;
    }
  };
  block(t.organisation, { size: 13, bold: true }, 17);
  block(t.title, { size: 11, bold: true }, 14);
  for (const l of t.lines) block(l, { size: 8, bold: false }, 11);
  return y + 8;
}

/** The lowest y content may reach on a page. */
export function contentBottom(doc: Doc): number {
  return doc.page.height - MARGIN - FOOT;
}

/** Writes the foot of every page once all pages exist: the line that says when and by what it was made, and "Page n of m". */
function drawFooters(doc: Doc, footer: string): void {
  const range = doc.bufferedPageRange();
  const style = { size: 7, bold: false };
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 9;
    const width = doc.page.width - 2 * MARGIN;
    doc
      .moveTo(MARGIN, y - 4)
      .lineTo(MARGIN + width, y - 4)
      .lineWidth(0.3)
      .stroke('#999999');
    drawLine(doc, footer, { x: MARGIN, y, width: width - 80, align: 'left' }, style);
    drawLine(doc, `Page ${i - range.start + 1} of ${range.count}`, { x: MARGIN + width - 80, y, width: 80, align: 'right' }, style);
  }
}

/** Renders a report: `draw` lays out the pages (from the first, with its title block drawn), then every foot is written. */
export function renderPdf(t: TitleBlock, draw: (doc: Doc, top: number) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: MARGIN,
      bufferPages: true,
      info: { Title: `${t.title} – ${t.organisation}`, Producer: 'Xero Bridge' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc, drawTitle(doc, t));
      drawFooters(doc, t.footer);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}
