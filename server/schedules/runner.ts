import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { summaryQuerySchema, ageingQuerySchema } from '../../core/contract';
import { isoDate } from '../../core/dates';
import type { IsoDate } from '../../core/dates';
import { formatCents } from '../../core/money';
import { dateIn, resolveDate } from '../../core/schedules/relative-dates';
import { csvFile } from '../files/answers';
import { ageingReport, fileName, statementsPdf, summaryReport } from '../reports/files';
import { buildStatements } from '../reports/statements';
import { sendStatements } from '../statements/send';
import type { StatementSends } from '../statements/sends';
import type { BuiltReport } from '../reports/files';
import type { OrganisationSource } from '../sources/source';
import type { Clock } from '../xero/limiter';
import type { Mailer } from './mailer';
import { latestDue } from './recurrence';
import { postRun } from './webhook-delivery';
import type { DeliveryWebhook } from './webhook-delivery';
import type { ScheduleStore, StoredSchedule } from './store';

/** How long a run is its proxy's before another takes it over (the proxy stopped). */
const LEASE_MS = 15 * 60_000;

export type SchedulerDeps = {
  schedules: ScheduleStore;
  /** The organisation a schedule reports on: a snapshot's, or through the Xero connection it was made on. */
  sourceFor: (tenantId: string, connectionId: string | null) => Promise<OrganisationSource | undefined>;
  /** null without SMTP_URL: runs keep their files and say that nothing was sent. */
  mailer: Mailer | null;
  clock: Clock;
  logger: Logger;
  /** Days a run's files are kept. */
  fileDays: number;
  /** Where and how runs may be posted (DELIVERY_WEBHOOK_HOSTS, DELIVERY_WEBHOOK_SECRET). */
  webhook?: DeliveryWebhook | null;
  /** SCHEDULE_FOLDER: where schedules with a folder save their files (each in its folder under it). */
  folder?: string | null;
  /** Where statements schedules record what they sent to each customer; without it they send only the copy. */
  statements?: StatementSends;
};

/** The report a schedule asks for, with its dates resolved for `today` (in the organisation's timezone). */
type RunFile = { name: string; format: 'pdf' | 'csv'; content: Buffer };

type Built = { dates: Record<string, string>; built: BuiltReport<unknown> };

async function build(s: StoredSchedule, source: OrganisationSource, today: IsoDate, now: Date): Promise<Built> {
  const r = s.report;
  if (r.kind === 'ageing') {
    const asAt = resolveDate(r.query.asAt, today);
    return { dates: { asAt }, built: await ageingReport(source, ageingQuerySchema.parse({ ...r.query, asAt }), now) };
  }
  if (r.kind === 'statements') {
    const [from, to] = [resolveDate(r.query.from, today), resolveDate(r.query.to, today)];
    const set = await buildStatements(source, { from, to }, now);
    const name = fileName('Customer Statements', set.organisation.name, `${from} to ${to}`);
    const built = { report: set, name, csv: () => [], pdf: () => statementsPdf(set) };
    return { dates: { from, to }, built };
  }
  const from = resolveDate(r.query.from, today);
  const to = resolveDate(r.query.to, today);
  return { dates: { from, to }, built: await summaryReport(source, summaryQuerySchema.parse({ ...r.query, from, to }), now) };
}

/** One line for the mail's body: what the report totals, in which currency. */
function totalLine(report: unknown): string {
  const totals = (report as { totals?: Array<{ currency: string; total: number }> }).totals ?? [];
  return totals.map((t) => `Total ${formatCents(t.total as never)} ${t.currency}`).join('; ');
}

/**
 * Runs scheduled reports when they fall due, on whichever proxy ticks first: each occurrence is claimed once in the
 * store (a run per schedule and occurrence), its files built and kept, then mailed. After a stop, only the latest
 * missed occurrence of each schedule runs. A run whose proxy stopped while building it is taken over; one that stopped
 * while handing the mail over is marked interrupted and never sent again.
 */
export class Scheduler {
  private ticking: Promise<void> | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Runs what is due now; a tick while one is running waits for it instead of starting another. */
  tick(): Promise<void> {
    this.ticking ??= this.tickNow().finally(() => (this.ticking = null));
    return this.ticking;
  }

  /** "Run now": a run of its own, at this moment, whatever the recurrence. */
  async runNow(s: StoredSchedule): Promise<string | null> {
    const now = this.deps.clock.now();
    const runId = await this.deps.schedules.claimRun(s.id, now, s.email.to, now, LEASE_MS);
    if (runId) await this.execute(s, runId, now);
    return runId;
  }

  /**
   * Xero's webhooks say an organisation's invoices or credit notes changed: its "when receivables change" schedules
   * run, each at most once in its window of minutes (a run per schedule and window, claimed like any other).
   */
  async changed(tenantId: string, endpoint: string): Promise<void> {
    if (endpoint !== 'Invoices' && endpoint !== 'CreditNotes') return;
    const now = this.deps.clock.now();
    for (const s of await this.deps.schedules.list(tenantId)) {
      if (s.paused || s.recurrence.every !== 'change') continue;
      const window = s.recurrence.minutes * 60_000;
      const runId = await this.deps.schedules.claimRun(s.id, Math.floor(now / window) * window, s.email.to, now, LEASE_MS);
      if (runId) await this.execute(s, runId, now);
    }
  }

  private async tickNow(): Promise<void> {
    const { schedules, clock } = this.deps;
    const now = clock.now();
    for (const r of await schedules.stalledRuns(now)) {
      if (r.state === 'sending') {
        const message = 'The proxy stopped while handing this mail to the mail server: it may have been delivered, so it was not sent again';
        await schedules.updateRun(r.id, { state: 'interrupted', now, message });
      } else if (await schedules.retakeRun(r.id, now, LEASE_MS)) {
        const s = await schedules.byId(r.scheduleId);
        if (s) await this.execute(s, r.id, r.occurrence);
      }
    }
    for (const s of await schedules.list()) {
      if (s.paused) continue;
      const due = latestDue(s.recurrence, s.timezone, s.handledUntil, now);
      if (due === null) continue;
      await schedules.handled(s.id, due);
      const runId = await schedules.claimRun(s.id, due, s.email.to, now, LEASE_MS);
      if (runId) await this.execute(s, runId, due);
    }
    await schedules.dropOldFiles(now);
  }

  /** Saves the files in the schedule's folder (each written whole, then renamed into place); says where, for the log. */
  private async save(s: StoredSchedule, files: RunFile[]): Promise<string> {
    const base = this.deps.folder;
    if (!s.folder || !base) return '';
    const dir = path.join(base, s.folder);
    await fs.mkdir(dir, { recursive: true });
    for (const f of files) {
      const temporary = path.join(dir, `.${f.name}.${process.pid}.part`);
      await fs.writeFile(temporary, f.content);
      await fs.rename(temporary, path.join(dir, f.name));
    }
    return `Saved in ${s.folder}: ${files.map((f) => f.name).join(', ')}. `;
  }

  /** Posts the files to the schedule's webhook, if it has one; says what happened, for the log. */
  private async post(
    s: StoredSchedule,
    runId: string,
    occurrence: number,
    source: OrganisationSource,
    dates: Record<string, string>,
    files: RunFile[],
  ): Promise<string> {
    if (!s.webhook) return '';
    if (!this.deps.webhook) return 'Not posted: this proxy posts no reports. ';
    const delivery = {
      schedule: { id: s.id, name: s.name },
      run: { id: runId, occurrence: new Date(occurrence).toISOString() },
      organisation: { tenantId: s.tenantId, name: source.organisation.name },
      dates,
    };
    return `${(await postRun(this.deps.webhook, s.webhook.url, delivery, files, this.deps.clock)).said}. `;
  }

  /** A statements run, once its copy went out: each customer's own statement (each once per period), in words for the log. */
  private async toCustomers(s: StoredSchedule, source: OrganisationSource, dates: Record<string, string>, copySent: boolean): Promise<string> {
    const { statements, mailer, clock } = this.deps;
    if (s.report.kind !== 'statements' || !statements || !mailer || !copySent) return '';
    const request = { from: isoDate(dates.from ?? ''), to: isoDate(dates.to ?? ''), dryRun: false };
    const c = (await sendStatements({ sends: statements, mailer, clock }, source, request, `schedule "${s.name}"`)).counts;
    return `; customers: ${c.sent} sent, ${c.failed} failed, ${c.alreadySent} sent before, ${c.noEmail} without an email address`;
  }

  private async execute(s: StoredSchedule, runId: string, occurrence: number): Promise<void> {
    const { schedules, clock, mailer, logger } = this.deps;
    const fail = (message: string) => schedules.updateRun(runId, { state: 'failed', now: clock.now(), message });
    try {
      const source = await this.deps.sourceFor(s.tenantId, s.connectionId);
      if (!source) return void (await fail('The organisation is no longer reachable (its Xero connection was removed or must connect again)'));
      const { dates, built } = await build(s, source, dateIn(s.timezone, occurrence), new Date(clock.now()));
      const files = [];
      for (const format of s.email.formats) {
        const content = format === 'pdf' ? await built.pdf() : Buffer.from(String(csvFile(built.name, built.csv()).file.body), 'utf8');
        files.push({ format, name: `${built.name}.${format}`, content });
      }
      for (const f of files) await schedules.keepFile(runId, f, clock.now() + this.deps.fileDays * 86_400_000);
      await schedules.updateRun(runId, { state: 'building', now: clock.now(), dates });
      const saved = (await this.save(s, files)) + (await this.post(s, runId, occurrence, source, dates, files));
      if (!mailer) return void (await fail(`${saved}No mail server is configured (SMTP_URL): nothing was sent; the files are kept for download`));
      await schedules.updateRun(runId, { state: 'sending', now: clock.now() });
      const sent = await mailer.send({
        to: s.email.to,
        subject: `${s.name}: ${built.name}`,
        text: `${built.name}.\n${totalLine(built.report)}\n\nSent by Xero Bridge for the schedule "${s.name}" (made by ${s.createdBy}).\n`,
        attachments: files.map((f) => ({
          filename: f.name,
          content: f.content,
          contentType: f.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
        })),
        messageId: `<${runId}@xero-bridge>`,
      });
      const customers = await this.toCustomers(s, source, dates, sent.ok);
      await schedules.updateRun(runId, {
        state: sent.ok ? 'sent' : 'failed',
        now: clock.now(),
        message: `${saved}${sent.reply}${customers}`,
        attempts: sent.attempts,
      });
    } catch (err) {
      logger.warn({ schedule: s.id, run: runId, err: (err as Error).message }, 'A scheduled report failed');
      await fail(`The report could not be made: ${(err as Error).message}`);
    }
  }
}
