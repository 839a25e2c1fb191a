import type { StatementsResponse } from '../../core/contract';
import type { IsoDate } from '../../core/dates';
import { figure } from '../reports/pdf/figures';
import { statementsPdf } from '../reports/files';
import { buildStatements } from '../reports/statements';
import type { Mailer } from '../schedules/mailer';
import type { OrganisationSource } from '../sources/source';
import type { Clock } from '../xero/limiter';
import type { StatementSends } from './sends';

export type StatementDeps = { sends: StatementSends; mailer: Mailer | null; clock: Clock };

type Request = { from: IsoDate; to: IsoDate; contactIds?: string[]; emails?: Record<string, string>; dryRun: boolean };

/**
 * Customers' statements for a period, each mailed to its customer with its own PDF (Xero's address, or one given
 * instead), or with `dryRun` only listed: who would get what. Each is sent once per period: a repeat says
 * "already sent" (a failed one is sent again). What was sent to whom is recorded.
 */
export async function sendStatements(deps: StatementDeps, source: OrganisationSource, r: Request, who: string): Promise<StatementsResponse> {
  const { sends, mailer, clock } = deps;
  const set = await buildStatements(source, { from: r.from, to: r.to, ...(r.contactIds ? { contactIds: r.contactIds } : {}) }, new Date(clock.now()));
  const org = set.organisation.name;
  const outcomes: StatementsResponse['statements'] = [];
  for (const s of set.statements) {
    const email = r.emails?.[s.contactId] ?? s.email;
    const base = { contactId: s.contactId, contactName: s.contactName, email, currency: s.currency, closing: s.closing };
    if (!email) {
      outcomes.push({ ...base, status: 'no-email', message: 'Xero has no email address for this customer: give one to send it' });
      continue;
    }
    if (r.dryRun) {
      outcomes.push({ ...base, status: 'will-send', message: null });
      continue;
    }
    const key = { tenantId: set.organisation.tenantId, from: r.from, to: r.to, contactId: s.contactId };
    if (!(await sends.claim(key, { contactName: s.contactName, email, currency: s.currency, closing: s.closing, who, now: clock.now() }))) {
      outcomes.push({ ...base, status: 'already-sent', message: 'Sent earlier for this period (see what was sent)' });
      continue;
    }
    const reply = mailer
      ? await mailer.send({
          to: [email],
          subject: `Statement from ${org}, ${r.from} to ${r.to}`,
          text: `Dear ${s.contactName},\n\nAttached is your statement from ${org} for ${r.from} to ${r.to}. Balance due at ${r.to}: ${figure(s.closing)} ${s.currency}.\n`,
          attachments: [
            {
              filename: `Statement – ${s.contactName.replace(/[\\/:*?"<>|]+/g, ' ')} – ${r.to}.pdf`,
              content: await statementsPdf(set, { ...s, email }),
              contentType: 'application/pdf',
            },
          ],
          messageId: `<statement-${key.tenantId}-${r.from}-${r.to}-${s.contactId}@xero-bridge>`,
        })
      : { ok: false, reply: 'No mail server is configured (SMTP_URL): nothing was sent', attempts: 0 };
    await sends.finish(key, reply.ok ? 'sent' : 'failed', reply.reply);
    outcomes.push({ ...base, status: reply.ok ? 'sent' : 'failed', message: reply.reply });
  }
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  return {
    dryRun: r.dryRun,
    from: r.from,
    to: r.to,
    statements: outcomes,
    counts: { sent: count('sent'), failed: count('failed'), noEmail: count('no-email'), alreadySent: count('already-sent'), willSend: count('will-send') },
  };
}
