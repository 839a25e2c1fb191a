import { contactSchema, creditNoteSchema, invoiceSchema, paymentSchema, prepaidCreditSchema } from '../../core/domain';
import type { FastTable } from './fast-read';

/**
 * The compact form the pull cache keeps of each record of the large tables: the core record (as the fast reader
 * makes it from Xero's JSON) as a JSON array of its values in the order of the table's schema, allocations and
 * balances as arrays too. About a sixth of Xero's JSON for an invoice, and read back without key strings:
 * a chunk of stored records is one `JSON.parse` of their arrays joined. tests/server/fast-read.test.ts holds
 * `unpack(pack(r))` equal to `r` for every record the contract test reads.
 */
type Rec = Record<string, unknown>;

const FIELDS: Record<FastTable, readonly string[]> = {
  invoices: Object.keys(invoiceSchema.shape),
  creditNotes: Object.keys(creditNoteSchema.shape),
  overpayments: Object.keys(prepaidCreditSchema.shape),
  prepayments: Object.keys(prepaidCreditSchema.shape),
  payments: Object.keys(paymentSchema.shape),
  contacts: Object.keys(contactSchema.shape),
};

const BALANCES = ['receivableOutstanding', 'receivableOverdue', 'payableOutstanding', 'payableOverdue'] as const;

function packValue(key: string, value: unknown): unknown {
  if (key === 'allocations') return (value as Rec[]).map((a) => [a.invoiceId, a.amount, a.date]);
  if (key === 'balances') return value === null ? null : BALANCES.map((b) => (value as Rec)[b]);
  return value === undefined ? null : value;
}

function unpackValue(key: string, value: unknown): unknown {
  if (key === 'allocations') return (value as unknown[][]).map(([invoiceId, amount, date]) => ({ invoiceId, amount, date }));
  if (key === 'balances' && value !== null) {
    const v = value as unknown[];
    return { receivableOutstanding: v[0], receivableOverdue: v[1], payableOutstanding: v[2], payableOverdue: v[3] };
  }
  return value;
}

/** A core record of the table in its compact form (a JSON array). */
export function pack(table: FastTable, record: unknown): string {
  const r = record as Rec;
  return JSON.stringify(FIELDS[table].map((k) => packValue(k, r[k])));
}

/**
 * How much compact text one `JSON.parse` reads: under V8's 100 KB threshold, above which JSON.parse puts what it
 * makes straight into the old generation, where the arrays (garbage as soon as their record is made) are dearest to
 * collect. Parses of about 200 invoices read a 100,000-invoice table about a quarter quicker than parses of 2,000.
 */
const PARSE_CHARS = 64 * 1024;

/** Compact forms (JSON arrays) back as core records, one parse for each run of them up to PARSE_CHARS. */
export function unpackAll(table: FastTable, packed: readonly string[]): unknown[] {
  const fields = FIELDS[table];
  const nested = fields.includes('allocations') || fields.includes('balances');
  const out = new Array<unknown>(packed.length);
  for (let start = 0; start < packed.length;) {
    let end = start;
    for (let chars = 0; end < packed.length && (end === start || chars + (packed[end] as string).length <= PARSE_CHARS); end++)
      chars += (packed[end] as string).length + 1;
    const rows = JSON.parse(`[${packed.slice(start, end).join(',')}]`) as unknown[][];
    for (let n = 0; n < rows.length; n++) {
      const v = rows[n] as unknown[];
      const r: Rec = {};
      for (let i = 0; i < fields.length; i++) {
        const key = fields[i] as string;
        r[key] = nested ? unpackValue(key, v[i]) : v[i];
      }
      out[start + n] = r;
    }
    start = end;
  }
  return out;
}
