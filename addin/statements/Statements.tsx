import { useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { StatementsResponse } from '../../core/contract';
import { formatCents } from '../../core/money';
import { z } from 'zod';
import type { ApiClient } from '../api/client';
import { contactEmailsInSheet } from '../excel/contact-emails';
import { SentStatements } from './SentStatements';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, '& td, & th': { textAlign: 'left', paddingInlineEnd: tokens.spacingHorizontalS } },
});

const STATUS: Record<StatementsResponse['statements'][number]['status'], string> = {
  'will-send': 'Will be sent',
  'no-email': 'No email address',
  sent: 'Sent',
  failed: 'Failed',
  'already-sent': 'Sent before',
};

type Props = {
  api: ApiClient;
  tenantId: string;
  from: string;
  to: string;
  /** In Excel, addresses typed on the pulled Xero Contacts sheet are used instead of Xero's. */
  inExcel: boolean;
  onError: (title: string, err: unknown) => void;
};

/** The addresses on the Xero Contacts sheet that are addresses (anything else there is left out, and Xero's used). */
async function sheetEmails(inExcel: boolean): Promise<Record<string, string> | undefined> {
  if (!inExcel) return undefined;
  const found = Object.fromEntries([...(await contactEmailsInSheet())].filter(([, address]) => z.email().safeParse(address).success));
  return Object.keys(found).length > 0 ? found : undefined;
}

/** Customers' statements for the tab's period: who would get what (a dry run), then sent, each to its customer. */
export function Statements({ api, tenantId, from, to, inExcel, onError }: Props) {
  const styles = useStyles();
  const [answer, setAnswer] = useState<StatementsResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const emails = await sheetEmails(inExcel);
      setAnswer(await api.call('statements', { tenantId, body: { from, to, dryRun, ...(emails ? { emails } : {}) } }));
    } catch (err) {
      onError(dryRun ? 'Could not list the statements' : 'Could not send the statements', err);
    } finally {
      setBusy(false);
    }
  };
  const c = answer?.counts;
  return (
    <section className={styles.column} aria-label="Customer statements">
      <Text weight="semibold">
        Customer statements, {from} to {to}
      </Text>
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void run(true)}>
          Preview statements
        </Button>
        <Button disabled={busy || !answer?.dryRun || answer.counts.willSend === 0} onClick={() => void run(false)}>
          Send statements
        </Button>
        <SentStatements api={api} tenantId={tenantId} onError={onError} />
      </div>
      {answer && c && (
        <>
          <Text aria-live="polite">
            {answer.dryRun
              ? `${c.willSend} to send, ${c.noEmail} without an email address`
              : `${c.sent} sent, ${c.failed} failed, ${c.alreadySent} sent before, ${c.noEmail} without an email address`}
          </Text>
          <table className={styles.table} aria-label="Statements">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Email</th>
                <th>Balance</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {answer.statements.map((s) => (
                <tr key={s.contactId}>
                  <td>{s.contactName}</td>
                  <td>{s.email ?? '–'}</td>
                  <td>
                    {formatCents(s.closing)} {s.currency}
                  </td>
                  <td title={s.message ?? undefined}>{STATUS[s.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
