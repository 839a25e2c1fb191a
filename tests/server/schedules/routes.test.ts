import request from 'supertest';
import { ageingQuerySchema, errorBodySchema, scheduleRunSchema, scheduleSchema, schedulesResponseSchema, sessionResponseSchema } from '../../../core/contract';
import { DEMO_TENANT_ID } from '../../../scripts/demo/generator';
import { smtpMailer } from '../../../server/schedules/mailer';
import { openDatabase } from '../../../server/storage/db';
import { FakeClock } from '../../doubles/fake-clock';
import { localSmtp } from '../../doubles/smtp';
import { demoSchedules, testApp } from '../helpers';

/** Issue 16: the Reports tab's "Schedule this report…": made, listed, paused, run now, its files, deleted. */
let smtp: Awaited<ReturnType<typeof localSmtp>>;
let app: ReturnType<typeof testApp>['app'];
let token = '';
const clock = new FakeClock(Date.UTC(2026, 10, 28, 1, 0));

beforeAll(async () => {
  smtp = await localSmtp();
  app = testApp({ schedules: demoSchedules(openDatabase(':memory:'), { mailer: smtpMailer(smtp.url, 'bridge@example.com', clock), clock }) }).app;
  token = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body).token;
});
afterAll(() => smtp.close());

const api = (method: 'get' | 'post', path: string) => request(app)[method](`/api/orgs/${DEMO_TENANT_ID}/${path}`).set('Authorization', `Bearer ${token}`);
const tabSettings = { ...ageingQuerySchema.parse({}), asAt: 'end-of-last-month', format: undefined };
const request_ = {
  name: 'Month-end receivables',
  report: { kind: 'ageing', query: { ...tabSettings, format: undefined } },
  recurrence: { every: 'month', day: 1, at: '08:00' },
  email: { to: ['cfo@example.com', 'controller@example.com'], formats: ['pdf', 'csv'] },
};

describe('scheduled reports through the proxy', () => {
  it('make a schedule from the tab’s settings, in the organisation’s timezone, with when it next runs', async () => {
    const made = scheduleSchema.parse((await api('post', 'schedules').send(request_).expect(201)).body);
    expect(made).toMatchObject({ name: 'Month-end receivables', tenantId: DEMO_TENANT_ID, timezone: 'Australia/Sydney', paused: false, lastRun: null });
    // 08:00 on 1 December in Sydney (AEDT, UTC+11).
    expect(made.nextRunAt).toBe('2026-11-30T21:00:00.000Z');
    const listed = schedulesResponseSchema.parse((await api('get', 'schedules').expect(200)).body);
    expect(listed.schedules.map((s) => s.id)).toContain(made.id);
  });

  it('refuse a bad schedule with the field and the fix, and make nothing', async () => {
    const before = schedulesResponseSchema.parse((await api('get', 'schedules').expect(200)).body).schedules.length;
    const badMail = await api('post', 'schedules')
      .send({ ...request_, email: { to: ['cfo at example'], formats: ['pdf'] } })
      .expect(400);
    expect(JSON.stringify(errorBodySchema.parse(badMail.body))).toMatch(/body email\.to: expected an email address, e\.g\. cfo@example\.com/);
    const badCron = await api('post', 'schedules')
      .send({ ...request_, recurrence: { every: 'cron', cron: 'every monday at 7' } })
      .expect(400);
    expect(errorBodySchema.parse(badCron.body).error.message).toMatch(/recurrence\.cron/);
    const badDate = await api('post', 'schedules')
      .send({ ...request_, report: { kind: 'ageing', query: { ...tabSettings, asAt: 'last tuesday' } } })
      .expect(400);
    expect(JSON.stringify(badDate.body)).toMatch(/report\.query\.asAt.*end-of-last-month/);
    // A folder is a name under the proxy's SCHEDULE_FOLDER, never a path; this proxy has none.
    const traversal = await api('post', 'schedules')
      .send({ ...request_, folder: '../../etc' })
      .expect(400);
    expect(JSON.stringify(traversal.body)).toMatch(/folder.*expected a folder name/);
    const noFolder = await api('post', 'schedules')
      .send({ ...request_, folder: 'Receivables' })
      .expect(400);
    expect(errorBodySchema.parse(noFolder.body).error.message).toMatch(/^body folder: this proxy saves no reports in folders/);
    const notPosted = await api('post', 'schedules')
      .send({ ...request_, webhook: { url: 'https://erp.internal/reports' } })
      .expect(400);
    expect(errorBodySchema.parse(notPosted.body).error.message).toMatch(/^body webhook\.url: this proxy posts no reports/);
    expect(schedulesResponseSchema.parse((await api('get', 'schedules').expect(200)).body).schedules).toHaveLength(before);
  });

  it('pause and resume one, run it now (the mail goes out, its files can be downloaded), and delete it', async () => {
    const made = scheduleSchema.parse((await api('post', 'schedules').send(request_).expect(201)).body);
    const paused = scheduleSchema.parse((await api('post', `schedules/${made.id}/pause`).send({ paused: true }).expect(200)).body);
    expect(paused).toMatchObject({ paused: true, nextRunAt: null });
    expect(scheduleSchema.parse((await api('post', `schedules/${made.id}/pause`).send({ paused: false }).expect(200)).body).nextRunAt).not.toBeNull();

    const run = scheduleRunSchema.parse((await api('post', `schedules/${made.id}/run`).expect(200)).body);
    expect(run).toMatchObject({ status: 'sent', recipients: ['cfo@example.com', 'controller@example.com'], dates: { asAt: '2026-10-31' } });
    expect(smtp.mails.at(-1)?.subject).toBe('Month-end receivables: Aged Receivables – Demo Harbour & Vine Wines Pty Ltd – as at 2026-10-31');
    const pdf = await api('get', `schedule-runs/${run.id}/file?format=pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await api('get', `schedule-runs/${run.id}/file?format=csv`).expect(200);
    expect(csv.text).toContain('Contact');
    expect(run.files.map((f) => f.format).sort()).toEqual(['csv', 'pdf']);

    await api('post', `schedules/${made.id}/delete`).expect(204);
    expect(schedulesResponseSchema.parse((await api('get', 'schedules').expect(200)).body).schedules.map((s) => s.id)).not.toContain(made.id);
    await api('post', `schedules/${made.id}/run`).expect(404);
  });

  it("answer 404 for another organisation's run files, and for a schedule that is not there", async () => {
    await request(app).get('/api/orgs/another-org/schedule-runs/x/file?format=pdf').set('Authorization', `Bearer ${token}`).expect(404);
    await api('get', 'schedule-runs/no-such-run/file?format=pdf').expect(404);
    await api('get', 'schedules/no-such-schedule/runs').expect(404);
  });
});
