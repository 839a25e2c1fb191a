import { useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { RouteAnswer } from '../../core/contract';
import { formatCents } from '../../core/money';
import type { ApiClient } from '../api/client';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, '& td, & th': { textAlign: 'left', paddingInlineEnd: tokens.spacingHorizontalS } },
});

type Props = { api: ApiClient; tenantId: string; onError: (title: string, err: unknown) => void };

/** The record of statements sent: when, to whom, for which period, with what balance, and what the mail server said. */
export function SentStatements({ api, tenantId, onError }: Props) {
  const styles = useStyles();
  const [sends, setSends] = useState<RouteAnswer<'statementSends'>['sends'] | null>(null);
  const load = () =>
    api
      .call('statementSends', { tenantId })
      .then((answer) => setSends(answer.sends))
      .catch((err: unknown) => onError('Could not read what was sent', err));
  return (
    <>
      <Button onClick={() => void load()}>What was sent</Button>
      {sends && (
        <table className={styles.table} aria-label="Statements sent">
          <thead>
            <tr>
              <th>When</th>
              <th>Customer</th>
              <th>To</th>
              <th>Period</th>
              <th>Balance</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {sends.map((s) => (
              <tr key={`${s.from}-${s.to}-${s.contactId}`}>
                <td>{s.sentAt.slice(0, 16).replace('T', ' ')} UTC</td>
                <td>{s.contactName}</td>
                <td>{s.email}</td>
                <td>
                  {s.from} to {s.to}
                </td>
                <td>
                  {formatCents(s.closing)} {s.currency}
                </td>
                <td title={s.reply ?? undefined}>{s.status === 'sent' ? `Sent by ${s.sentBy}` : s.status === 'failed' ? 'Failed' : 'Being sent'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
