import { stringify } from 'csv-stringify/sync';
import type { FileAnswer } from '../http/route-table';

/**
 * A CSV file as Excel opens it: UTF-8 with a byte-order mark, CRLF between records. Every field holding a
 * separator, a quote, a CR or an LF is quoted: csv-stringify stops quoting a lone LF or CR once `record_delimiter`
 * is set, which would let a name with a line break start a row of its own. Text from outside is made inert by the
 * caller with `inertCsvText` (core/formula.ts).
 */
export function csvFile(name: string, rows: readonly (readonly string[])[]): FileAnswer {
  const text = stringify(rows as string[][], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
  return { file: { type: 'text/csv; charset=utf-8', name: `${name}.csv`, body: `\uFEFF${text}` } };
}

export function pdfFile(name: string, body: Buffer): FileAnswer {
  return { file: { type: 'application/pdf', name: `${name}.pdf`, body } };
}
