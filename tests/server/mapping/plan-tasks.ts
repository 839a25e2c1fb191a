import { mappingKinds } from '../../../core/mapping/rows';
import type { MappingKind, MappingRow } from '../../../core/mapping/rows';
import type { CheckTask, PlanTask } from '../../../server/mapping/check-worker';
import { tablesKey } from '../../../server/mapping/checks-pool';
import type { StoredTarget } from '../../../server/mapping/plan-answer';
import { demoSource } from '../helpers';

/** The checks of a customers sheet of `count` rows against the demo's Xero tables. */
export async function checkTask(count: number): Promise<CheckTask> {
  const source = demoSource();
  const [accounts, taxRates, contacts] = await Promise.all([source.read('accounts'), source.read('taxRates'), source.read('contacts')]);
  const tables = { accounts: accounts.records, taxRates: taxRates.records, contacts: contacts.records };
  const names = tables.contacts.map((c) => c.name);
  const rows: MappingRow[] = Array.from({ length: count }, (_, i) => ({
    row: i + 2,
    // Every 50th code repeats an earlier one; targets name real contacts, look-alikes, or nothing.
    source: `POS-${i % 50 === 49 ? i - 1 : i}`,
    name: `${names[i % names.length]} ${i % 3 ? 'Store' : ''}`,
    email: null,
    target: i % 4 === 0 ? (names[i % names.length] ?? null) : i % 7 === 0 ? 'Nobody Pty Ltd' : null,
    status: i % 5 === 0 ? 'Approved' : 'Draft',
  }));
  return { kind: 'customers', rows, tables, tablesKey: tablesKey(tables), suggest: true };
}

/** A whole plan of that sheet as the pane sends it, with rows it cannot read, and mappings stored for some codes. */
export async function planTask(count: number, tag = ''): Promise<PlanTask> {
  const t = await checkTask(count);
  const rows: unknown[] = t.rows.map((r) => ({ ...r, source: `${String(r.source)}${tag}` }));
  rows.push({ row: count + 2, source: 'BAD', status: 'Maybe' }, { row: count + 3, source: { nested: true } }, 'not a row');
  const customers = new Map<string, StoredTarget>();
  t.tables.contacts.slice(0, 30).forEach((c, i) => {
    customers.set(`pos-${i}${tag}`, { target: i % 2 ? c.contactId : 'someone else', details: {}, version: 3 });
  });
  const reading = (kind: MappingKind, mappings: ReadonlyMap<string, StoredTarget>) => ({ key: `test:${kind}:${count}:${tag}`, version: 3, mappings });
  const stored = Object.fromEntries(mappingKinds.map((kind) => [kind, reading(kind, kind === 'customers' ? customers : new Map())]));
  return { body: JSON.stringify({ kind: 'customers', rows }), tables: t.tables, tablesKey: t.tablesKey, stored: stored as PlanTask['stored'] };
}
