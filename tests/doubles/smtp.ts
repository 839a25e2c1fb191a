import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A mail server on loopback (smtp-server) that keeps every message it accepts, parsed (mailparser). `refuse` makes it
 * answer each message with that SMTP reply instead (451: try later; 550: never).
 */
export async function localSmtp() {
  const mails: ParsedMail[] = [];
  let refuse: { code: number; text: string } | null = null;
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      received++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse) {
          const error = Object.assign(new Error(refuse.text), { responseCode: refuse.code });
          return callback(error);
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** Messages handed over, accepted or not. */
    received: () => received,
    refuse(code: number, text: string) {
      refuse = { code, text };
    },
    accept() {
      refuse = null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
