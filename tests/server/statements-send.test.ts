import request from 'supertest';
import { sessionResponseSchema, statementSendsResponseSchema, statementsResponseSchema } from '../../core/contract';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { smtpMailer } from '../../server/schedules/mailer';
import { StatementSends } from '../../server/statements/sends';
import { openDatabase } from '../../server/storage/db';
import { sqliteStore } from '../../server/storage/sql';
import { systemClock } from '../../server/xero/limiter';
import { localSmtp } from '../doubles/smtp';
import { pdfText, testApp } from './helpers';

/** Issue 16: customer statements mailed to each customer after a dry run, once per period, with a record of what went to whom. */
let smtp: Awaited<ReturnType<typeof localSmtp>>;
let app: ReturnType<typeof testApp>['app'];
let token = '';
beforeAll(async () => {
  smtp = await localSmtp();
  const sends = new StatementSends(sqliteStore(openDatabase(':memory:')));
  app = testApp({ statements: { sends, mailer: smtpMailer(smtp.url, 'accounts@harbour-vine.example', systemClock, { attempts: 1 }), clock: systemClock } }).app;
  token = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body).token;
});
afterAll(() => smtp.close());

const send = (body: object) =>
  request(app)
    .post(`/api/orgs/${DEMO_TENANT_ID}/statements`)
    .set('Authorization', `Bearer ${token}`)
    .send({ from: '2026-10-01', to: '2026-10-31', ...body });

describe('sending customer statements', () => {
  it('list who would get what in a dry run, send each customer its own statement once, and record it', async () => {
    const dry = statementsResponseSchema.parse((await send({ dryRun: true }).expect(200)).body);
    expect(dry.counts.willSend).toBeGreaterThan(5);
    expect(dry.counts.willSend + dry.counts.noEmail).toBe(dry.statements.length);
    expect(smtp.mails).toHaveLength(0);

    const sent = statementsResponseSchema.parse((await send({ dryRun: false }).expect(200)).body);
    expect(sent.counts).toMatchObject({ sent: dry.counts.willSend, failed: 0, noEmail: dry.counts.noEmail });
    expect(smtp.mails).toHaveLength(dry.counts.willSend);
    const one = sent.statements.find((s) => s.status === 'sent')!;
    const mail = smtp.mails.find((m) => (m.to as { text: string }).text === one.email)!;
    expect(mail.subject).toBe('Statement from Demo: Harbour & Vine Wines Pty Ltd, 2026-10-01 to 2026-10-31');
    const text = pdfText(mail.attachments[0]!.content);
    expect(text).toContain(`Statement for ${one.contactName}`);
    // Only that customer's statement is in its mail.
    expect(text.match(/Statement for /g)).toHaveLength(1);

    // Sent again: nobody gets it twice.
    const again = statementsResponseSchema.parse((await send({ dryRun: false }).expect(200)).body);
    expect(again.counts).toMatchObject({ sent: 0, alreadySent: dry.counts.willSend });
    expect(smtp.mails).toHaveLength(dry.counts.willSend);

    const record = statementSendsResponseSchema.parse(
      (await request(app).get(`/api/orgs/${DEMO_TENANT_ID}/statements/sent`).set('Authorization', `Bearer ${token}`).expect(200)).body,
    );
    expect(record.sends.filter((s) => s.status === 'sent')).toHaveLength(dry.counts.willSend);
    expect(record.sends.find((s) => s.contactId === one.contactId)).toMatchObject({
      email: one.email,
      closing: one.closing,
      reply: expect.stringMatching(/^250 /),
    });
  });

  it('send to an address given instead of Xero’s, record a refusal, and send a refused one again later', async () => {
    const dry = statementsResponseSchema.parse((await send({ dryRun: true, from: '2026-09-01', to: '2026-09-30' }).expect(200)).body);
    const first = dry.statements[0]!;
    smtp.refuse(550, '5.1.1 No such user');
    const refused = statementsResponseSchema.parse(
      (
        await send({
          dryRun: false,
          from: '2026-09-01',
          to: '2026-09-30',
          contactIds: [first.contactId],
          emails: { [first.contactId]: 'ap@customer.example' },
        }).expect(200)
      ).body,
    );
    expect(refused.statements).toEqual([
      expect.objectContaining({ email: 'ap@customer.example', status: 'failed', message: expect.stringContaining('550 5.1.1 No such user') }),
    ]);
    smtp.accept();
    const before = smtp.mails.length;
    const retried = statementsResponseSchema.parse(
      (
        await send({
          dryRun: false,
          from: '2026-09-01',
          to: '2026-09-30',
          contactIds: [first.contactId],
          emails: { [first.contactId]: 'ap@customer.example' },
        }).expect(200)
      ).body,
    );
    expect(retried.counts.sent).toBe(1);
    expect(smtp.mails.slice(before).map((m) => (m.to as { text: string }).text)).toEqual(['ap@customer.example']);
  });

  it('refuse an address that is not one, naming it, and send nothing', async () => {
    const before = smtp.mails.length;
    const res = await send({ dryRun: false, emails: { someone: 'not an address' } }).expect(400);
    expect(JSON.stringify(res.body)).toMatch(/emails.*expected an email address/);
    expect(smtp.mails).toHaveLength(before);
  });
});
