import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ageingQuerySchema } from '../../../core/contract';
import type { ScheduleRequest } from '../../../core/contract/schedules';
import { formatCents } from '../../../core/money';
import { createLogger } from '../../../server/logger';
import { buildAgeing, readReportLedger } from '../../../server/reports/build';
import { smtpMailer } from '../../../server/schedules/mailer';
import type { Mailer } from '../../../server/schedules/mailer';
import { Scheduler } from '../../../server/schedules/runner';
import type { SchedulerDeps } from '../../../server/schedules/runner';
import { ScheduleStore } from '../../../server/schedules/store';
import { StatementSends } from '../../../server/statements/sends';
import type { OrganisationSource } from '../../../server/sources/source';
import { openDatabase } from '../../../server/storage/db';
import { sqliteStore } from '../../../server/storage/sql';
import { FakeClock } from '../../doubles/fake-clock';
import { localSmtp } from '../../doubles/smtp';
import { demoSource, pdfText } from '../helpers';

/**
 * Issue 16: scheduled reports on a virtual clock, mailed to a mail server on loopback. Each occurrence sends one mail
 * with the report attached, never two, whatever stops or fails in between.
 */
const ZONE = 'Pacific/Auckland';
const weekly: ScheduleRequest = {
  name: 'Monday receivables',
  report: { kind: 'ageing', query: { ...ageingQuerySchema.parse({}), asAt: 'end-of-last-month' } as never },
  recurrence: { every: 'week', weekday: 'monday', at: '07:00' },
  email: { to: ['cfo@example.com'], formats: ['pdf', 'csv'] },
};
/** Monday 30 November 2026, 07:00 in Auckland (NZDT, UTC+13). */
const FIRST = Date.UTC(2026, 10, 29, 18, 0);
const WEEK = 7 * 86_400_000;

type Smtp = Awaited<ReturnType<typeof localSmtp>>;

async function setUp(options: { mailer?: (smtp: Smtp, clock: FakeClock) => Mailer; source?: () => Promise<OrganisationSource | undefined> } = {}) {
  const clock = new FakeClock(FIRST - 6 * 3_600_000);
  const smtp = await localSmtp();
  const schedules = new ScheduleStore(sqliteStore(openDatabase(':memory:')));
  const scheduler = (
    mailer: Mailer | null = (options.mailer ?? ((s, c) => smtpMailer(s.url, 'bridge@example.com', c)))(smtp, clock),
    source = options.source,
    more: Partial<SchedulerDeps> = {},
  ) =>
    new Scheduler({
      ...more,
      schedules,
      sourceFor: source ?? (async () => demoSource()),
      mailer,
      clock,
      logger: createLogger('silent'),
      fileDays: 30,
    });
  const schedule = await schedules.create(demoSource().organisation.tenantId, null, weekly, 'Carol Controller', ZONE, clock.now());
  return { clock, smtp, schedules, scheduler, schedule };
}

const withCommas = (amount: string) => amount.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));

describe('scheduled reports', () => {
  it('mail one report per weekly occurrence, at 07:00 in the organisation’s timezone, with the PDF and CSV attached', async () => {
    const { clock, smtp, schedules, scheduler, schedule } = await setUp();
    try {
      const s = scheduler();
      await s.tick();
      expect(smtp.mails).toHaveLength(0);
      clock.advance(6 * 3_600_000 - 60_000);
      await s.tick();
      expect(smtp.mails).toHaveLength(0);
      clock.advance(61_000);
      await s.tick();
      await s.tick();
      expect(smtp.mails).toHaveLength(1);
      const mail = smtp.mails[0]!;
      expect(mail.to).toMatchObject({ text: 'cfo@example.com' });
      expect(mail.subject).toBe('Monday receivables: Aged Receivables – Demo Harbour & Vine Wines Pty Ltd – as at 2026-10-31');
      const expected = buildAgeing(await readReportLedger(demoSource()), ageingQuerySchema.parse({ asAt: '2026-10-31' }));
      const total = expected.totals[0]!;
      expect(mail.text).toContain(`Total ${formatCents(total.total)} ${total.currency}`);
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'text/csv']);
      const text = pdfText(mail.attachments[0]!.content);
      expect(text).toContain(demoSource().organisation.name);
      expect(text).toContain(withCommas(formatCents(total.total)));
      // A week on, the next one; the run log says what each run did.
      clock.advance(WEEK);
      await s.tick();
      expect(smtp.mails).toHaveLength(2);
      const runs = await schedules.runs(schedule.id);
      expect(runs.map((r) => [r.occurrence, r.status, r.dates, r.recipients])).toEqual([
        // On 7 December in Auckland, the end of last month is 30 November.
        [new Date(FIRST + WEEK).toISOString(), 'sent', { asAt: '2026-11-30' }, ['cfo@example.com']],
        [new Date(FIRST).toISOString(), 'sent', { asAt: '2026-10-31' }, ['cfo@example.com']],
      ]);
      expect(runs[0]?.message).toMatch(/^250 /);
      expect(runs[0]?.files.map((f) => f.format)).toEqual(['csv', 'pdf']);
    } finally {
      await smtp.close();
    }
  });

  it('run the latest occurrence once after the proxy was stopped for three weeks, not each one missed', async () => {
    const { clock, smtp, scheduler } = await setUp();
    try {
      clock.advance(6 * 3_600_000 + 3 * WEEK + 3_600_000);
      await scheduler().tick();
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]?.subject).toContain('as at 2026-11-30');
    } finally {
      await smtp.close();
    }
  });

  it('send nothing twice when the proxy stops while building a run (another finishes it) or while sending it (it is not sent again)', async () => {
    const { clock, smtp, schedules, scheduler, schedule } = await setUp();
    try {
      clock.advance(6 * 3_600_000);
      // This proxy stops while reading the organisation: the run is left building, nothing sent.
      void scheduler(undefined, () => new Promise(() => undefined)).tick();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await schedules.runs(schedule.id))[0]?.status).toBe('running');
      // Another proxy, a quarter of an hour later: it takes the run over and sends it once.
      clock.advance(15 * 60_000);
      await scheduler().tick();
      expect(smtp.mails).toHaveLength(1);
      expect((await schedules.runs(schedule.id)).map((r) => r.status)).toEqual(['sent']);

      // A week on, a proxy hands the mail over and stops before it hears the answer.
      clock.advance(WEEK);
      const real = smtpMailer(smtp.url, 'bridge@example.com', clock);
      const stopsAfterSending: Mailer = { send: async (mail) => (await real.send(mail), new Promise(() => undefined)) };
      void scheduler(stopsAfterSending).tick();
      while (smtp.mails.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      clock.advance(15 * 60_000);
      await scheduler().tick();
      await scheduler().tick();
      expect(smtp.mails).toHaveLength(2);
      const runs = await schedules.runs(schedule.id);
      expect(runs[0]).toMatchObject({ status: 'interrupted', message: expect.stringContaining('it may have been delivered, so it was not sent again') });
    } finally {
      await smtp.close();
    }
  });

  it("try a mail server that refuses for now again, then mark the run failed with the server's reply", async () => {
    const { clock, smtp, schedules, scheduler, schedule } = await setUp();
    try {
      smtp.refuse(451, '4.3.0 Mailbox temporarily unavailable');
      clock.advance(6 * 3_600_000);
      const slept = clock.slept;
      await scheduler().tick();
      expect(smtp.received()).toBe(4);
      // Waits of 1, 2 and 4 minutes between the attempts.
      expect(clock.slept - slept).toBe(7 * 60_000);
      const [run] = await schedules.runs(schedule.id);
      expect(run).toMatchObject({ status: 'failed', attempts: 4, message: expect.stringContaining('451 4.3.0 Mailbox temporarily unavailable') });
      // Refused for good: no second attempt.
      smtp.refuse(550, '5.1.1 No such user');
      clock.advance(WEEK);
      await scheduler().tick();
      expect(smtp.received()).toBe(5);
      expect((await schedules.runs(schedule.id))[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        message: expect.stringContaining('550 5.1.1 No such user'),
      });
    } finally {
      await smtp.close();
    }
  });

  it('send a monthly statements run: each customer its own statement once, and the clerk all of them in one PDF', async () => {
    const clock = new FakeClock(Date.UTC(2026, 9, 31, 12, 0));
    const smtp = await localSmtp();
    try {
      const store = sqliteStore(openDatabase(':memory:'));
      const schedules = new ScheduleStore(store);
      const scheduler = new Scheduler({
        schedules,
        sourceFor: async () => demoSource(),
        mailer: smtpMailer(smtp.url, 'bridge@example.com', clock),
        clock,
        logger: createLogger('silent'),
        fileDays: 30,
        statements: new StatementSends(store),
      });
      const monthly: ScheduleRequest = {
        name: 'Monthly statements',
        report: { kind: 'statements', query: { from: 'start-of-last-month', to: 'end-of-last-month' } as never },
        recurrence: { every: 'month', day: 1, at: '08:00' },
        email: { to: ['clerk@example.com'], formats: ['pdf'] },
      };
      const schedule = await schedules.create(demoSource().organisation.tenantId, null, monthly, 'Rita Receivables', 'Australia/Sydney', clock.now());
      // 08:00 on 1 November in Sydney (AEDT): statements for October.
      clock.advance(10 * 3_600_000);
      await scheduler.tick();
      const [run] = await schedules.runs(schedule.id);
      expect(run).toMatchObject({ status: 'sent', dates: { from: '2026-10-01', to: '2026-10-31' } });
      const customers = Number(/customers: (\d+) sent, 0 failed, 0 sent before/.exec(run?.message ?? '')?.[1]);
      expect(customers).toBeGreaterThan(5);
      expect(smtp.mails).toHaveLength(1 + customers);
      const copy = smtp.mails.find((m) => (m.to as { text: string }).text === 'clerk@example.com')!;
      expect(copy.subject).toBe('Monthly statements: Customer Statements – Demo Harbour & Vine Wines Pty Ltd – 2026-10-01 to 2026-10-31');
      expect(pdfText(copy.attachments[0]!.content).match(/Statement for /g)?.length).toBeGreaterThan(customers - 1);
      // Run again for the same month: the clerk gets the copy again, no customer a second statement.
      await scheduler.runNow(schedule);
      expect(smtp.mails).toHaveLength(2 + customers);
      expect((await schedules.runs(schedule.id))[0]?.message).toMatch(`customers: 0 sent, 0 failed, ${customers} sent before`);
    } finally {
      await smtp.close();
    }
  });

  it('run a "when receivables change" schedule when Xero says invoices changed, at most once in its window', async () => {
    const { clock, smtp, schedules, scheduler } = await setUp();
    try {
      const onChange = await schedules.create(
        demoSource().organisation.tenantId,
        null,
        { ...weekly, name: 'On change', recurrence: { every: 'change', minutes: 15 } },
        'Carol Controller',
        ZONE,
        clock.now(),
      );
      const s = scheduler();
      const mailsFor = () => smtp.mails.filter((m) => m.subject?.startsWith('On change:')).length;
      await s.changed(onChange.tenantId, 'Invoices');
      expect(mailsFor()).toBe(1);
      clock.advance(5 * 60_000);
      await s.changed(onChange.tenantId, 'CreditNotes');
      // Contacts do not move receivables.
      await s.changed(onChange.tenantId, 'Contacts');
      expect(mailsFor()).toBe(1);
      clock.advance(11 * 60_000);
      await s.changed(onChange.tenantId, 'Invoices');
      expect(mailsFor()).toBe(2);
      // The clock alone never runs it.
      clock.advance(3 * WEEK);
      await s.tick();
      expect(mailsFor()).toBe(2);
    } finally {
      await smtp.close();
    }
  });

  it("also save a run's files in the schedule's folder under SCHEDULE_FOLDER, whole, and say so in the log", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-folder-'));
    const { clock, smtp, schedules, scheduler: schedulerWith } = await setUp();
    try {
      const s = await schedules.create(
        demoSource().organisation.tenantId,
        null,
        { ...weekly, name: 'Filed', folder: 'Receivables' },
        'Carol',
        ZONE,
        clock.now(),
      );
      const scheduler = schedulerWith(undefined, undefined, { folder: base });
      await scheduler.runNow(s);
      const saved = fs.readdirSync(path.join(base, 'Receivables')).sort();
      expect(saved).toEqual([
        'Aged Receivables – Demo Harbour & Vine Wines Pty Ltd – as at 2026-10-31.csv',
        'Aged Receivables – Demo Harbour & Vine Wines Pty Ltd – as at 2026-10-31.pdf',
      ]);
      expect(
        fs
          .readFileSync(path.join(base, 'Receivables', saved[1]!))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const [run] = await schedules.runs(s.id);
      expect(run).toMatchObject({ status: 'sent', message: expect.stringMatching(/^Saved in Receivables: Aged Receivables .*\.pdf, .*\.csv\. 250 /) });
    } finally {
      await smtp.close();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('post a run’s files to the schedule’s webhook, signed, trying a failing receiver again', async () => {
    const secret = 'a-long-shared-signing-key';
    const received: Array<{ body: string; signature: string; key: string }> = [];
    let failures = 1;
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (failures-- > 0) return void res.writeHead(503).end();
        received.push({ body, signature: String(req.headers['x-bridge-signature']), key: String(req.headers['idempotency-key']) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const { clock, smtp, schedules, scheduler: schedulerWith } = await setUp();
    try {
      const s = await schedules.create(
        demoSource().organisation.tenantId,
        null,
        { ...weekly, name: 'Posted', webhook: { url: `http://${host}/reports` } },
        'Carol',
        ZONE,
        clock.now(),
      );
      const scheduler = schedulerWith(undefined, undefined, { webhook: { hosts: [host], secret } });
      const runId = await scheduler.runNow(s);
      expect(received).toHaveLength(1);
      const post = received[0]!;
      expect(post.signature).toBe(crypto.createHmac('sha256', secret).update(post.body).digest('base64'));
      expect(post.key).toBe(runId);
      const payload = JSON.parse(post.body) as { organisation: { name: string }; dates: object; files: Array<{ name: string; content: string }> };
      expect(payload.organisation.name).toBe(demoSource().organisation.name);
      expect(payload.dates).toEqual({ asAt: '2026-10-31' });
      expect(Buffer.from(payload.files[0]!.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect((await schedules.runs(s.id))[0]?.message).toMatch(new RegExp(`^Posted to ${host}: 200\\. 250 `));
    } finally {
      await smtp.close();
      receiver.close();
    }
  });
});
