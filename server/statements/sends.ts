import { isoDate } from '../../core/dates';
import { cents } from '../../core/money';
import type { SqlStore } from '../storage/sql';

export type SendKey = { tenantId: string; from: string; to: string; contactId: string };
type SendRow = {
  period_from: string;
  period_to: string;
  contact_id: string;
  contact_name: string;
  email: string;
  currency: string;
  closing: unknown;
  status: 'sending' | 'sent' | 'failed';
  reply: string | null;
  sent_by: string;
  sent_at: unknown;
};

/** The record of customer statements mailed: one per organisation, period and customer, in the shared store. */
export class StatementSends {
  constructor(private readonly store: SqlStore) {}

  /** Takes the send of one statement: false when it was sent (or is being sent) already; a failed one is taken again. */
  async claim(k: SendKey, s: { contactName: string; email: string; currency: string; closing: number; who: string; now: number }): Promise<boolean> {
    const row = await this.store.get<{ contact_id: string }>(
      `INSERT INTO statement_sends (tenant_id, period_from, period_to, contact_id, contact_name, email, currency, closing, status, sent_by, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?)
       ON CONFLICT (tenant_id, period_from, period_to, contact_id) DO UPDATE SET status = 'sending', email = excluded.email,
         closing = excluded.closing, sent_by = excluded.sent_by, sent_at = excluded.sent_at, reply = NULL
         WHERE statement_sends.status = 'failed'
       RETURNING contact_id`,
      [k.tenantId, k.from, k.to, k.contactId, s.contactName, s.email, s.currency, s.closing, s.who, s.now],
    );
    return row !== undefined;
  }

  async finish(k: SendKey, status: 'sent' | 'failed', reply: string): Promise<void> {
    await this.store.run('UPDATE statement_sends SET status = ?, reply = ? WHERE tenant_id = ? AND period_from = ? AND period_to = ? AND contact_id = ?', [
      status,
      reply.slice(0, 1000),
      k.tenantId,
      k.from,
      k.to,
      k.contactId,
    ]);
  }

  async list(tenantId: string, limit = 500) {
    const rows = await this.store.all<SendRow>('SELECT * FROM statement_sends WHERE tenant_id = ? ORDER BY sent_at DESC, contact_name LIMIT ?', [
      tenantId,
      limit,
    ]);
    return rows.map((r) => ({
      from: isoDate(r.period_from),
      to: isoDate(r.period_to),
      contactId: r.contact_id,
      contactName: r.contact_name,
      email: r.email,
      currency: r.currency,
      closing: cents(Number(r.closing)),
      status: r.status,
      reply: r.reply,
      sentBy: r.sent_by,
      sentAt: new Date(Number(r.sent_at)).toISOString(),
    }));
  }
}
