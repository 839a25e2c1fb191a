import type { Transporter } from 'nodemailer';
import type { Clock } from '../xero/limiter';

type Mail = {
  to: string[];
  subject: string;
  text: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
  /** The same for every attempt of one run, so that a mail server that took an attempt it did not confirm may drop a repeat. */
  messageId: string;
};

/** What the mail server said: accepted (its reply), or refused for good or for now. */
type Sent = { ok: true; reply: string; attempts: number } | { ok: false; reply: string; attempts: number };

export type Mailer = { send(mail: Mail): Promise<Sent> };

type SmtpFailure = { responseCode?: number; response?: string; message?: string; code?: string };

/**
 * Mail through SMTP (nodemailer; SMTP_URL, MAIL_FROM). A refusal for now (a 4xx reply, or no answer) is tried again
 * after 1, 2 and 4 minutes; a refusal for good (5xx) ends at once. Either way the server's reply is kept.
 */
export function smtpMailer(url: string, from: string, clock: Clock, options: { attempts?: number; firstWaitMs?: number } = {}): Mailer {
  // nodemailer is loaded with the first mail, not at start (about 35 ms that a proxy without mail never needs).
  let transport: Transporter | undefined;
  const attempts = options.attempts ?? 4;
  const firstWait = options.firstWaitMs ?? 60_000;
  return {
    async send(mail) {
      for (let attempt = 1; ; attempt++) {
        try {
          transport ??= (await import('nodemailer')).default.createTransport(url);
          const info = await transport.sendMail({ from, ...mail });
          return { ok: true, reply: String(info.response ?? 'accepted'), attempts: attempt };
        } catch (err) {
          const e = err as SmtpFailure;
          const reply = e.response ?? `${e.code ?? 'error'}: ${e.message ?? String(err)}`;
          const forGood = typeof e.responseCode === 'number' && e.responseCode >= 500;
          if (forGood || attempt >= attempts) return { ok: false, reply, attempts: attempt };
          await clock.sleep(firstWait * 2 ** (attempt - 1));
        }
      }
    },
  };
}
