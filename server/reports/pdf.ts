import PDFDocument from 'pdfkit';
import type { AgeingResponse, SummaryResponse } from '../../core/contract';
import { formatCents } from '../../core/money';
import type { Cents } from '../../core/money';
import { summaryLineCells } from './summary-lines';

/**
 * Reports as PDF, rendered on the proxy with pdfkit (Office's own PDF export returns empty files on
 * Excel on the web). A4 landscape, header block, table with its header repeated on every page.
 */

type Column = { title: string; width: number; align: 'left' | 'right' };

const MARGIN = 36;
const ROW = 13;

function money(c: Cents): string {
  const [whole, part] = formatCents(c).replace('-', '').split('.') as [string, string];
  return `${c < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${part}`;
}

function render(draw: (doc: PDFKit.PDFDocument) => void, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, info: { Title: title, Producer: 'Xero Bridge' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

class Table {
  private y: number;
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly columns: Column[],
  ) {
    this.y = doc.y;
    this.header();
  }

  private header(): void {
    this.row(
      this.columns.map((c) => c.title),
      { bold: true, rule: true },
    );
  }

  row(cells: string[], style: { bold?: boolean; rule?: boolean } = {}): void {
    const doc = this.doc;
    if (this.y + ROW > doc.page.height - MARGIN) {
      doc.addPage();
      this.y = MARGIN;
      this.header();
    }
    doc.font(style.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const c = this.columns[i] as Column;
      doc.text(cell, x + 2, this.y + 3, { width: c.width - 4, align: c.align, lineBreak: false, ellipsis: true, height: ROW });
      x += c.width;
    });
    this.y += ROW;
    if (style.rule) doc.moveTo(MARGIN, this.y).lineTo(x, this.y).lineWidth(0.5).stroke();
    doc.y = this.y;
  }

  gap(): void {
    this.y += ROW / 2;
  }
}

function heading(doc: PDFKit.PDFDocument, organisation: string, title: string, lines: string[]): void {
  doc.font('Helvetica-Bold').fontSize(14).text(organisation, MARGIN, MARGIN);
  doc.font('Helvetica-Bold').fontSize(11).text(title);
  doc.font('Helvetica').fontSize(8);
  for (const l of lines) doc.text(l);
  doc.moveDown(0.8);
}

const printable = (s: string | null) => (s ?? '').replace(/[^\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2019]/g, '?');

export function ageingPdf(r: AgeingResponse): Promise<Buffer> {
  const o = r.options;
  const title = `Aged ${o.side === 'receivables' ? 'Receivables' : 'Payables'}`;
  return render((doc) => {
    heading(doc, printable(r.organisation.name), `${title} by ${o.basis === 'due' ? 'due date' : 'invoice date'}`, [
      `As at ${o.asAt} · ${o.periods} periods of ${o.length} ${o.unit}${o.length > 1 ? 's' : ''} · ${o.currency === 'base' ? `in ${r.baseCurrency}` : 'in each document’s currency'}${o.includeUnappliedCredits ? ' · unapplied credits included' : ''}`,
      `Generated ${r.generatedAt.replace('T', ' ').slice(0, 16)} UTC by Xero Bridge`,
    ]);
    const usable = doc.page.width - 2 * MARGIN;
    const amountWidth = Math.min(70, (usable - 190) / (r.columns.length + 1));
    const columns: Column[] = [
      { title: 'Contact', width: usable - 40 - amountWidth * (r.columns.length + 1), align: 'left' },
      { title: 'Cur.', width: 40, align: 'left' },
      ...r.columns.map((c) => ({ title: c.title, width: amountWidth, align: 'right' as const })),
      { title: 'Total', width: amountWidth, align: 'right' },
    ];
    const table = new Table(doc, columns);
    for (const row of r.rows) {
      if (row.lines) {
        for (const line of row.lines) {
          table.row([
            `   ${printable(line.number ?? line.kind)} ${line.dueDate ? `due ${line.dueDate}` : line.date}`,
            line.currency,
            ...r.columns.map((_, i) => (i === line.column ? money(line.amount) : '')),
            money(line.amount),
          ]);
        }
      }
      table.row([printable(row.contactName), row.currency, ...row.columns.map(money), money(row.total)], { bold: row.lines !== null });
    }
    table.gap();
    for (const t of r.totals) table.row(['Total', t.currency, ...t.columns.map(money), money(t.total)], { bold: true, rule: true });
    table.gap();
    const rec = r.reconciliation;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(
        rec.xeroTotal === null
          ? `Reconciliation: ${rec.note}.`
          : `Reconciliation (${r.baseCurrency}): report ${money(rec.reportTotal)}; Xero's contact balances ${money(rec.xeroTotal)}${rec.difference ? `; difference ${money(rec.difference)}` : ''}. ${rec.note}.`,
        MARGIN,
        doc.y + 4,
        { width: doc.page.width - 2 * MARGIN },
      );
  }, title);
}

export function summaryPdf(r: SummaryResponse): Promise<Buffer> {
  const o = r.options;
  return render((doc) => {
    heading(doc, printable(r.organisation.name), `Account Summary (${o.side})`, [
      `${o.from} to ${o.to} · ${o.currency === 'base' ? `in ${r.baseCurrency}` : 'in each document’s currency'}`,
      `Generated ${r.generatedAt.replace('T', ' ').slice(0, 16)} UTC by Xero Bridge`,
    ]);
    const usable = doc.page.width - 2 * MARGIN;
    const table = new Table(doc, [
      { title: 'Date', width: 62, align: 'left' },
      { title: 'Line', width: 70, align: 'left' },
      { title: 'Number', width: 90, align: 'left' },
      { title: 'Reference', width: usable - 62 - 70 - 90 - 3 * 80, align: 'left' },
      { title: 'Debit', width: 80, align: 'right' },
      { title: 'Credit', width: 80, align: 'right' },
      { title: 'Balance', width: 80, align: 'right' },
    ]);
    for (const c of r.contacts) {
      table.row([`${printable(c.contactName)} (${c.currency})`, '', '', '', '', '', ''], { bold: true });
      table.row([o.from, 'Opening', '', '', '', '', money(c.opening)]);
      for (const l of c.lines) table.row(summaryLineCells(l, printable));
      table.row([o.to, 'Closing', '', '', money(c.debits), money(c.credits), money(c.closing)], { bold: true, rule: true });
      table.gap();
    }
  }, 'Account Summary');
}
