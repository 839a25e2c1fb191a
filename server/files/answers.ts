import { stringify } from 'csv-stringify/sync';
import type { FileAnswer } from '../http/route-table';

/**
 * A CSV file as Excel opens it: UTF-8 with a byte-order mark, CRLF between records. Every field is quoted
 * where it holds a separator, a quote or a line break (csv-stringify's own rule); text from outside is made
 * inert by the caller with core/formula.ts.
 */
export function csvFile(name: string, rows: readonly (readonly string[])[]): FileAnswer {
  const text = stringify(rows as string[][], { record_delimiter: '\r\n' });
  return { file: { type: 'text/csv; charset=utf-8', name: `${name}.csv`, body: `\uFEFF${text}` } };
}

export function pdfFile(name: string, body: Buffer): FileAnswer {
  return { file: { type: 'application/pdf', name: `${name}.pdf`, body } };
}
