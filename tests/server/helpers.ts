import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app';
import type { AppDeps } from '../../server/app';
import { createLogger } from '../../server/logger';
import { DEMO_SNAPSHOT_DIR, MANIFEST_PATH, PANE_DIR } from '../../server/paths';
import { OrganisationRegistry } from '../../server/sources/registry';
import { SnapshotSource } from '../../server/sources/snapshot';
import { SessionStore } from '../../server/sessions/sessions';
import { MappingStore } from '../../server/mapping/store';
import { xeroLookup } from '../../core/mapping/xero-data';
import { databaseAnswers, openDatabase } from '../../server/storage/db';
import { sqliteStore } from '../../server/storage/sql';
import { Scheduler } from '../../server/schedules/runner';
import { ScheduleStore } from '../../server/schedules/store';
import { StatementSends } from '../../server/statements/sends';
import { systemClock } from '../../server/xero/limiter';
import type { Clock } from '../../server/xero/limiter';
import type { Mailer } from '../../server/schedules/mailer';
import type { Db } from '../../server/storage/db';

let demo: SnapshotSource | null = null;

/** The demo organisation, loaded once per test file (it is read-only for these tests). */
export function demoSource(): SnapshotSource {
  demo ??= SnapshotSource.load(DEMO_SNAPSHOT_DIR);
  return demo;
}

/** A proxy app on an in-memory store serving the demo organisation, as `npm start` does without a Xero app. */
export function testApp(
  overrides: {
    publicUrl?: string;
    demoLogin?: boolean;
    xero?: AppDeps['xero'];
    webhooks?: AppDeps['webhooks'];
    schedules?: AppDeps['schedules'];
    statements?: AppDeps['statements'];
    db?: Db;
    freshDemo?: boolean;
    logger?: AppDeps['logger'];
    trustProxy?: AppDeps['trustProxy'];
    allowedHosts?: AppDeps['allowedHosts'];
  } = {},
) {
  const registry = new OrganisationRegistry();
  // Tests that write (mappings) get their own copy of the demo organisation.
  registry.add(overrides.freshDemo ? SnapshotSource.load(DEMO_SNAPSHOT_DIR) : demoSource());
  const db = overrides.db ?? openDatabase(':memory:');
  const sessions = new SessionStore(sqliteStore(db), 14);
  const app = createApp({
    registry,
    sessions,
    mappings: new MappingStore(sqliteStore(db)),
    logger: overrides.logger ?? createLogger('silent'),
    paneDir: PANE_DIR,
    manifestPath: MANIFEST_PATH,
    publicUrl: overrides.publicUrl ?? 'https://localhost:3000',
    demoLogin: overrides.demoLogin ?? true,
    version: 'test',
    xero: overrides.xero ?? null,
    webhooks: overrides.webhooks ?? null,
    schedules: overrides.schedules ?? demoSchedules(db),
    statements: overrides.statements ?? { sends: new StatementSends(sqliteStore(db)), mailer: null, clock: systemClock },
    trustProxy: overrides.trustProxy ?? false,
    allowedHosts: overrides.allowedHosts ?? ['localhost', '127.0.0.1', '[::1]'],
    databaseAnswers: () => databaseAnswers(db),
  });
  return { app, db, sessions, registry, source: registry.get(demoSource().organisation.tenantId)! };
}

/** Scheduled reports on a store, run on the demo organisation; by default with no mail server (runs keep their files). */
export function demoSchedules(db: Db, options: { mailer?: Mailer | null; clock?: Clock } = {}): NonNullable<AppDeps['schedules']> {
  const clock = options.clock ?? systemClock;
  const schedules = new ScheduleStore(sqliteStore(db));
  const scheduler = new Scheduler({
    schedules,
    sourceFor: async () => demoSource(),
    mailer: options.mailer ?? null,
    clock,
    logger: createLogger('silent'),
    fileDays: 30,
  });
  return { schedules, scheduler, clock };
}

/** The demo organisation's accounts, tax rates and contacts, indexed as the mapping checks read them. */
export async function demoLookup() {
  const s = demoSource();
  return xeroLookup({
    accounts: (await s.read('accounts')).records,
    taxRates: (await s.read('taxRates')).records,
    contacts: (await s.read('contacts')).records,
  });
}

/** The text of a PDF as pdftotext (Debian's poppler-utils) lays it out. */
export function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    try {
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw new Error('pdftotext is not installed: apt-get install poppler-utils');
      throw err;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
