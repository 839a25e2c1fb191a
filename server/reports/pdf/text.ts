import bidiFactory from 'bidi-js';
import { faceFor, faceHas, LATIN, REPLACEMENT, useFace } from './fonts';
import type { Face } from './fonts';

/**
 * Text in a report PDF: each character in a face that has it, right-to-left scripts (Hebrew, Arabic)
 * laid out by the Unicode bidirectional algorithm (bidi-js), and long text wrapped at spaces (or, for a
 * word wider than its column, between characters). pdfkit draws each piece; fontkit shapes it.
 */
export type TextStyle = { size: number; bold: boolean };

type Run = { text: string; face: Face };
type Piece = Run & { rtl: boolean };

const bidi = bidiFactory();
/** Characters Noto Sans has, for the fast path: ASCII, Latin-1 and Latin Extended. */
const SIMPLE = /^[\x20-\x7e\u00a0-\u024f\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]*$/;

/** Each character's face: the previous character's when it has it (runs stay whole), else the first that has it. */
function facesOf(text: string): { chars: string[]; faces: Face[] } {
  const chars: string[] = [];
  const faces: Face[] = [];
  let previous: Face = LATIN;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    let face: Face | -1 = cp <= 0x20 || faceHas(previous, cp) ? previous : faceFor(cp);
    let printed = ch;
    if (face === -1) {
      face = LATIN;
      printed = REPLACEMENT;
    }
    chars.push(printed);
    faces.push(face);
    previous = face;
  }
  return { chars, faces };
}

/** The text in runs of one face, in reading (logical) order: what widths are measured on. */
function runsOf(text: string): Run[] {
  if (SIMPLE.test(text)) return [{ text, face: LATIN }];
  const { chars, faces } = facesOf(text);
  const runs: Run[] = [];
  chars.forEach((ch, i) => {
    const last = runs[runs.length - 1];
    if (last && last.face === faces[i]) last.text += ch;
    else runs.push({ text: ch, face: faces[i] as Face });
  });
  return runs;
}

/**
 * One line as pieces in the order they are drawn, left to right. A right-to-left piece is handed to
 * pdfkit in reading order (fontkit shapes and reverses it), and is cut at spaces so that its words
 * follow each other right to left.
 */
function visualPieces(line: string): Piece[] {
  if (SIMPLE.test(line)) return [{ text: line, face: LATIN, rtl: false }];
  const { chars, faces } = facesOf(line);
  // bidi-js works on UTF-16 code units; map each unit to its character.
  const text = chars.join('');
  const unitChar: number[] = [];
  chars.forEach((ch, i) => {
    for (let u = 0; u < ch.length; u++) unitChar.push(i);
  });
  // The report reads left to right: a right-to-left name is one run inside it, with its brackets resolved by the algorithm.
  const levels = bidi.getEmbeddingLevels(text, 'ltr');
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  const pieces: Piece[] = [];
  let seen = -1;
  for (const unit of bidi.getReorderedIndices(text, levels)) {
    const c = unitChar[unit] as number;
    if (c === seen) continue;
    seen = c;
    const rtl = ((levels.levels[unit] as number) & 1) === 1;
    const ch = mirrored.get(unit) ?? (chars[c] as string);
    const face = faces[c] as Face;
    const last = pieces[pieces.length - 1];
    const space = /\s/.test(ch);
    if (last && last.face === face && last.rtl === rtl && !(rtl && (space || /^\s/.test(last.text)))) {
      // Drawn left to right: a right-to-left piece grows at its start (its reading order is the reverse).
      last.text = rtl ? ch + last.text : last.text + ch;
    } else pieces.push({ text: ch, face, rtl });
  }
  return pieces;
}

function pieceWidth(doc: PDFKit.PDFDocument, p: Run, style: TextStyle): number {
  return doc
    .font(useFace(doc, p.face, style.bold))
    .fontSize(style.size)
    .widthOfString(p.text);
}

/** The width of the text as drawn. */
export function textWidth(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  let w = 0;
  for (const r of runsOf(text)) w += pieceWidth(doc, r, style);
  return w;
}

/** Draws one line of text at (x, y), left- or right-aligned in the width (callers size columns so that nothing is cut). */
export function drawLine(doc: PDFKit.PDFDocument, line: string, at: { x: number; y: number; width: number; align: 'left' | 'right' }, style: TextStyle): void {
  const pieces = visualPieces(line);
  const widths = pieces.map((p) => pieceWidth(doc, p, style));
  let x = at.align === 'right' ? at.x + at.width - widths.reduce((a, b) => a + b, 0) : at.x;
  pieces.forEach((p, i) => {
    // Every face on one baseline (faces differ in ascent): Noto Sans's ascent below the line's top.
    doc
      .font(useFace(doc, p.face, style.bold))
      .fontSize(style.size)
      .text(p.text, x, at.y + style.size * 1.07, { lineBreak: false, baseline: 'alphabetic' });
    x += widths[i] as number;
  });
}

/** The text broken into lines no wider than the width: at spaces, or inside a word that is wider on its own. */
export function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): string[] {
  if (textWidth(doc, text, style) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const tried = line ? `${line} ${word}` : word;
    if (textWidth(doc, tried, style) <= width) {
      line = tried;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    if (textWidth(doc, word, style) <= width) continue;
    // A word wider than the column on its own is broken between characters.
    line = '';
    for (const ch of word) {
      if (line && textWidth(doc, line + ch, style) > width) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}
