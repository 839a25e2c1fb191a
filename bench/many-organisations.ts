import fs from 'node:fs';
import path from 'node:path';
import { folderFingerprint } from '../server/sources/snapshot-files';
import { openDatabase } from '../server/storage/db';
import { endpointNames, endpoints } from '../server/xero/raw';
import { child } from './child';
import { figure, heading, mb, target } from './format';

const ORGANISATIONS = 20;
const BUDGET_MB = 1024;
/** What the process needs beside the kept organisations: Node and the code, one organisation being read, its report. */
const OVERHEAD_MB = 400;
/**
 * The heap limit README advises with a budget (LEDGER_CACHE_MB + 512): without one, V8 lets dropped organisations'
 * memory wait for a collection until the heap has grown to about twice what is kept.
 */
const HEAP_HEADROOM_MB = 512;

type Run = { round: number; org: number; ms: number; rss: number; kept: number; organisations: number; total: number | undefined };

/**
 * Twenty copies of the snapshot organisation, each its own folder (the large files hard-linked, the Organisation file
 * its own, so each has its own tenant id) and its own copy in the store, as twenty earlier starts would have left them.
 */
function twentyOrganisations(folder: string, dbPath: string, tenantId: string): string[] {
  const db = openDatabase(dbPath);
  const folders = [folder];
  try {
    const copy = db.prepare(
      'INSERT INTO xero_cache (tenant_id, endpoint, gen, record_id, seq, body, record) SELECT ?, endpoint, gen, record_id, seq, body, record FROM xero_cache WHERE tenant_id = ?',
    );
    const imported = db.prepare('INSERT INTO snapshot_imports (tenant_id, folder, fingerprint, imported_at) VALUES (?, ?, ?, ?)');
    for (let i = 2; i <= ORGANISATIONS; i++) {
      const id = `${tenantId.slice(0, -2)}${String(i).padStart(2, '0')}`;
      const to = path.join(path.dirname(folder), `org-${i}`);
      fs.mkdirSync(to, { recursive: true });
      for (const name of endpointNames) {
        if (name !== 'Organisation') fs.linkSync(path.join(folder, `${name}.json`), path.join(to, `${name}.json`));
      }
      const body = JSON.parse(fs.readFileSync(path.join(folder, 'Organisation.json'), 'utf8')) as Record<string, Array<Record<string, unknown>>>;
      const key = endpoints.Organisation.key;
      fs.writeFileSync(path.join(to, 'Organisation.json'), JSON.stringify({ ...body, [key]: [{ ...body[key]![0], OrganisationID: id, Name: `Copy ${i}` }] }));
      db.transaction(() => {
        copy.run(`snapshot:${id}`, `snapshot:${tenantId}`);
        imported.run(id, to, folderFingerprint(to), new Date().toISOString());
      })();
      folders.push(to);
    }
  } finally {
    db.close();
  }
  return folders;
}

/**
 * Twenty 100,000-invoice organisations used in turn, twice, by one process whose ledger cache has a budget of
 * 1,024 MB (LEDGER_CACHE_MB): resident memory stays within the budget plus a stated overhead, and every ageing equals
 * the proxy's own for the organisation (they are copies of one).
 */
export async function benchManyOrganisations(snapshot: { folder: string; dataDir: string; total: number; tenantId: string }): Promise<void> {
  heading(`${ORGANISATIONS} organisations of 100,000 invoices in turn, twice, with LEDGER_CACHE_MB=${BUDGET_MB}`);
  const dbPath = path.join(snapshot.dataDir, 'bridge.db');
  const folders = twentyOrganisations(snapshot.folder, dbPath, snapshot.tenantId);
  const r = await child<{ runs: Run[]; evictions: number; budget: number }>(
    {
      BENCH_CASE: 'many',
      BENCH_DB: dbPath,
      BENCH_FOLDERS: JSON.stringify(folders),
      LEDGER_CACHE_MB: String(BUDGET_MB),
    },
    [`--max-old-space-size=${BUDGET_MB + HEAP_HEADROOM_MB}`],
  );
  const maxRss = Math.max(...r.runs.map((x) => x.rss));
  const maxKept = Math.max(...r.runs.map((x) => x.kept));
  const wrong = r.runs.filter((x) => x.total !== snapshot.total);
  const each = r.runs.map((x) => x.ms).sort((a, b) => a - b);
  figure('organisations used (twice each)', String(ORGANISATIONS), `${r.runs.length} ageing reports`);
  figure(
    'time per ageing (median / slowest)',
    `${each[each.length >> 1]?.toFixed(0)} / ${each.at(-1)?.toFixed(0)} ms`,
    'each read from the store: the budget holds a few',
  );
  figure('kept by the ledger cache at most', mb(maxKept), `budget ${mb(r.budget)}; organisations dropped ${r.evictions} times`);
  figure('resident memory at most', mb(maxRss), `budget + ${OVERHEAD_MB} MB = ${mb(r.budget + OVERHEAD_MB * 2 ** 20)}`);
  figure('reports that differ from the proxy’s', String(wrong.length));
  target(`${ORGANISATIONS} organisations: resident memory within the budget plus ${OVERHEAD_MB} MB`, maxRss <= r.budget + OVERHEAD_MB * 2 ** 20, mb(maxRss));
  target(`${ORGANISATIONS} organisations: every ageing report equals the proxy's`, wrong.length === 0, `${wrong.length} of ${r.runs.length} differ`);
}
