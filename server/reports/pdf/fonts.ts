import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The fonts a report PDF embeds (only the glyphs it uses): Noto Sans for Latin, Greek and Cyrillic,
 * then Hebrew, Arabic, Japanese, Korean and Simplified Chinese, from the @embedpdf font packages.
 * Each character is printed in the first face that has it; what none has (emoji, say) is printed as
 * a visible replacement mark (�), never dropped and never a question mark that reads as text.
 */
type FaceFiles = { name: string; pkg: string; regular: string; bold: string };

const FACES: FaceFiles[] = [
  { name: 'latin', pkg: '@embedpdf/fonts-latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  { name: 'hebrew', pkg: '@embedpdf/fonts-hebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf' },
  { name: 'arabic', pkg: '@embedpdf/fonts-arabic', regular: 'NotoNaskhArabic-Regular.ttf', bold: 'NotoNaskhArabic-Bold.ttf' },
  { name: 'japanese', pkg: '@embedpdf/fonts-jp', regular: 'NotoSansJP-Regular.otf', bold: 'NotoSansJP-Bold.otf' },
  { name: 'korean', pkg: '@embedpdf/fonts-kr', regular: 'NotoSansKR-Regular.otf', bold: 'NotoSansKR-Bold.otf' },
  { name: 'chinese', pkg: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
];

/** A face by its place in FACES; 0 is Latin, the face of figures and of every label the report writes itself. */
export type Face = number;
export const LATIN: Face = 0;

/** Printed for a character no face has: U+FFFD REPLACEMENT CHARACTER (a mark in a diamond), which Noto Sans has. */
export const REPLACEMENT = '\ufffd';

type Loaded = { files: { regular: string; bold: string }; cover: fontkit.Font };
const loaded: (Loaded | undefined)[] = [];

function fontFile(f: FaceFiles, file: string): string {
  // The package's entry is dist/index.cjs; its fonts sit in fonts/ beside dist/.
  return path.join(path.dirname(require.resolve(f.pkg)), '..', 'fonts', file);
}

function load(face: Face): Loaded {
  let l = loaded[face];
  if (!l) {
    const f = FACES[face] as FaceFiles;
    const regular = fontFile(f, f.regular);
    // pdfkit is given each font's path (it reads and subsets the file); the regular face answers which characters it has.
    l = { files: { regular, bold: fontFile(f, f.bold) }, cover: fontkit.create(fs.readFileSync(regular)) as fontkit.Font };
    loaded[face] = l;
  }
  return l;
}

const faceOfCodePoint = new Map<number, Face | -1>();

/** The first face with a glyph for the character, or -1 when none has one. */
export function faceFor(codePoint: number): Face | -1 {
  let face = faceOfCodePoint.get(codePoint);
  if (face === undefined) {
    face = -1;
    for (let i = 0; i < FACES.length; i++)
      if (load(i).cover.hasGlyphForCodePoint(codePoint)) {
        face = i;
        break;
      }
    faceOfCodePoint.set(codePoint, face);
  }
  return face;
}

/** Whether a face has the character (to keep a run in one face where it can). */
export function faceHas(face: Face, codePoint: number): boolean {
  return load(face).cover.hasGlyphForCodePoint(codePoint);
}

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();

/** The pdfkit font name of a face and weight, registered on the document the first time it is used. */
export function useFace(doc: PDFKit.PDFDocument, face: Face, bold: boolean): string {
  const name = `${(FACES[face] as FaceFiles).name}-${bold ? 'bold' : 'regular'}`;
  let names = registered.get(doc);
  if (!names) {
    names = new Set();
    registered.set(doc, names);
  }
  if (!names.has(name)) {
    doc.registerFont(name, bold ? load(face).files.bold : load(face).files.regular);
    names.add(name);
  }
  return name;
}
