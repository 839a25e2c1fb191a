import { FORMULA_BATCH } from '../../core/contract';
import type { FormulaCall, FormulaName, FormulaResult } from '../../core/contract';
import { centsToDecimal } from '../../core/money';
import { ApiError, createApiClient } from '../api/client';
import { cellError, readSharedSession } from '../office/formula-runtime';

type Argument = FormulaCall['args'][number];
type Waiting = { call: FormulaCall; resolve: (value: number | string) => void; reject: (error: unknown) => void };

/** How long the first call of a recalculation waits for the others, so that they travel together. */
const GATHER_MS = 25;

let waiting: Waiting[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

/** What Excel hands a function for an argument, as JSON carries it: an omitted argument is null. */
function argument(v: unknown): Argument {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  // A range where one value is expected (Excel passes a 2D array for a multi-cell reference).
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return argument(v[0][0]);
  return String(v);
}

/** A cell's value from the proxy's answer: amounts in currency units, or the cell's error. */
function cellValue(result: FormulaResult): number | string {
  if (result.kind === 'money') return centsToDecimal(result.cents);
  if (result.kind === 'error') throw cellError(result.error, result.message);
  return result.value;
}

/** Why none of a batch's cells could be answered, as the cells show it. */
function failure(e: unknown): CustomFunctions.Error {
  if (e instanceof ApiError && e.status === 401)
    return cellError('notAvailable', 'Your Xero Bridge session has ended: sign in again on the Xero Bridge pane (Home › Xero Bridge)');
  if (e instanceof ApiError && e.status === 404)
    return cellError('notAvailable', 'This workbook’s organisation is not connected: choose it on the Xero Bridge pane’s Connect tab');
  if (e instanceof ApiError && e.status === 400) return cellError('invalidValue', e.problems[0]?.message ?? e.message);
  return cellError('notAvailable', e instanceof Error ? e.message : String(e));
}

async function send(batch: Waiting[]): Promise<void> {
  const session = await readSharedSession();
  if (!session) {
    const error = cellError('notAvailable', 'Not signed in: open the Xero Bridge pane (Home › Xero Bridge), sign in and choose the organisation');
    for (const w of batch) w.reject(error);
    return;
  }
  const api = createApiClient(() => session.token, session.proxy);
  try {
    const { results } = await api.call('formulas', { tenantId: session.tenantId, body: { calls: batch.map((w) => w.call) } });
    batch.forEach((w, i) => {
      try {
        w.resolve(cellValue(results[i]!));
      } catch (e) {
        w.reject(e);
      }
    });
  } catch (e) {
    const error = failure(e);
    for (const w of batch) w.reject(error);
  }
}

/** At most this much JSON in one request (the proxy takes 2 MB): 2,000 cells of long text would be more. */
const MAX_REQUEST_BYTES = 1_000_000;

function flush(): void {
  const all = waiting;
  waiting = [];
  timer = null;
  let batch: Waiting[] = [];
  let bytes = 0;
  for (const w of all) {
    const size = JSON.stringify(w.call).length + 1;
    if (batch.length > 0 && (batch.length === FORMULA_BATCH || bytes + size > MAX_REQUEST_BYTES)) {
      void send(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(w);
    bytes += size;
  }
  if (batch.length > 0) void send(batch);
}

/**
 * One cell's call: gathered with every other call of the same recalculation and sent in requests of up to
 * FORMULA_BATCH calls, each answered from one reading of the books.
 */
export function evaluate(name: FormulaName, args: readonly unknown[]): Promise<number | string> {
  // Trailing omitted arguments are left off, so that the proxy's defaults apply.
  const list = args.map(argument);
  while (list.length > 0 && list[list.length - 1] === null) list.pop();
  return new Promise((resolve, reject) => {
    waiting.push({ call: { name, args: list }, resolve, reject });
    timer ??= setTimeout(flush, GATHER_MS);
  });
}
