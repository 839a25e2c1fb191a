/**
 * npm run report -- --report ageing|summary|statements --as-at <date> --format pdf|csv --out <file> [--tenant <id>]
 *   [--side receivables|payables] [--from <date>]
 *
 * statements: every customer with a balance at --as-at, for the period from --from (by default the first of that
 * month), one after another in one PDF, each with its ageing at the closing date.
 *
 * Writes a report to a file from the command line (for cron users), with the same code as the proxy's routes and
 * scheduled reports. Dates are yyyy-mm-dd or relative to today in the organisation's timezone (today, yesterday,
 * end-of-last-month, end-of-last-quarter, end-of-last-year). The organisation may be left out when only one is known
 * (the demo, or a XERO_SNAPSHOT folder). Uses DATA_DIR, DATABASE_URL and the Xero app's settings as the proxy does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ageingQuerySchema, summaryQuerySchema } from '../core/contract';
import { isoDate } from '../core/dates';
import { dateIn, resolveDate, scheduleDateSchema } from '../core/schedules/relative-dates';
import { csvFile } from '../server/files/answers';
import { createLogger } from '../server/logger';
import { ageingReport, summaryReport } from '../server/reports/files';
import type { BuiltReport } from '../server/reports/files';
import { reportLocale } from '../server/reports/locale';
import { statementsPdf } from '../server/reports/pdf/statements';
import { buildStatements } from '../server/reports/statements';
import { OrganisationDirectory } from '../server/sources/directory';
import { LedgerCache } from '../server/sources/ledger-cache';
import { configOrFail, fail, loadOrganisations, openStore, sharedStore, xeroSide } from '../server/startup';

const argsSchema = z.strictObject({
  report: z.enum(['ageing', 'summary', 'statements'], { error: '--report must be ageing, summary or statements' }),
  'as-at': scheduleDateSchema.default('today'),
  from: scheduleDateSchema.optional(),
  side: z.enum(['receivables', 'payables'], { error: '--side must be receivables or payables' }).default('receivables'),
  format: z.enum(['pdf', 'csv'], { error: '--format must be pdf or csv' }),
  out: z.string().min(1, '--out names the file to write'),
  tenant: z.string().min(1).optional(),
});

function write(file: string, content: Buffer): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, content);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: Object.fromEntries(['report', 'as-at', 'from', 'side', 'format', 'out', 'tenant'].map((name) => [name, { type: 'string' as const }])),
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success)
    fail(`npm run report: ${parsed.error.issues.map((i) => (i.path.length ? `--${String(i.path[0])}: ${i.message}` : i.message)).join('; ')}`);
  const args = parsed.data;

  const config = configOrFail();
  const logger = createLogger('silent');
  const db = openStore(config, logger);
  const shared = await sharedStore(config, db);
  const ledgers = new LedgerCache(config.ledgerCacheMb);
  const registry = loadOrganisations(config, db, ledgers);
  const xero = await xeroSide(config, db, shared);
  const known = registry.list();
  const tenantId = args.tenant ?? (known.length === 1 ? known[0]?.tenantId : undefined);
  if (!tenantId)
    fail(`npm run report: name the organisation with --tenant <id> (${known.map((o) => `${o.tenantId}: ${o.name}`).join(', ') || 'a connected one'})`);
  const connectionId = xero && !registry.get(tenantId) ? await xero.connections.connectionFor(tenantId) : null;
  const source = await new OrganisationDirectory(registry, xero, ledgers).source(tenantId, connectionId);
  if (!source) fail(`npm run report: no organisation ${tenantId} is served here (the demo, XERO_SNAPSHOT, or a Xero connection that still works)`);

  const today = dateIn(reportLocale(source.organisation).timeZone, Date.now());
  const asAt = resolveDate(args['as-at'], today);
  if (args.report === 'statements') {
    if (args.format !== 'pdf') fail('npm run report: --format: statements are written as PDF (--format pdf)');
    const from = args.from ? resolveDate(args.from, today) : isoDate(`${asAt.slice(0, 8)}01`);
    const set = await buildStatements(source, { from, to: asAt }, new Date());
    const pdf = await statementsPdf(set);
    write(args.out, pdf);
    await shared.close();
    process.stdout.write(`Wrote ${args.out}: ${set.statements.length} customer statements, ${from} to ${asAt} (PDF, ${pdf.length} bytes)\n`);
    return;
  }
  const built: BuiltReport<unknown> =
    args.report === 'ageing'
      ? await ageingReport(source, ageingQuerySchema.parse({ side: args.side, asAt }), new Date())
      : await summaryReport(
          source,
          summaryQuerySchema.parse({ side: args.side, to: asAt, ...(args.from ? { from: resolveDate(args.from, today) } : {}) }),
          new Date(),
        );
  const content = args.format === 'pdf' ? await built.pdf() : Buffer.from(String(csvFile(built.name, built.csv()).file.body), 'utf8');
  write(args.out, content);
  await shared.close();
  process.stdout.write(`Wrote ${args.out}: ${built.name} (${args.format.toUpperCase()}, ${content.length} bytes)\n`);
}

void main().catch((err: unknown) => fail(`npm run report: ${(err as Error).message}`));
