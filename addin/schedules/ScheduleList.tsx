import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Schedule } from '../../core/contract';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** When a schedule next runs, in the organisation's timezone, in words. */
function nextRun(s: Schedule): string {
  if (s.paused) return 'Paused';
  if (s.recurrence.every === 'change') return `Runs when invoices or credit notes change in Xero, at most every ${s.recurrence.minutes} minutes`;
  if (!s.nextRunAt) return 'Does not run again';
  const when = new Intl.DateTimeFormat(undefined, { timeZone: s.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(s.nextRunAt));
  return `Next: ${when} (${s.timezone})`;
}

/** What a schedule sends, in words. */
function what(s: Schedule): string {
  const r = s.report;
  if (r.kind === 'statements') return `Customer statements, ${r.query.from} to ${r.query.to}: each customer its own`;
  if (r.kind === 'summary') return `Account summary, ${r.query.from} to ${r.query.to}`;
  return `${r.query.side === 'payables' ? 'Aged payables' : 'Aged receivables'} as at ${r.query.asAt}`;
}

function lastRun(s: Schedule): string {
  const r = s.lastRun;
  if (!r) return 'Not run yet';
  const said = { running: 'running now', sent: `sent to ${r.recipients.join(', ')}`, failed: 'failed', interrupted: 'interrupted (not sent again)' }[r.status];
  return `Last run: ${said}${r.status !== 'sent' && r.message ? ` — ${r.message}` : ''}`;
}

type Props = {
  schedules: Schedule[];
  busy: boolean;
  /** Downloads a file the last run kept. */
  onDownload: (runId: string, format: 'pdf' | 'csv') => void;
  onPause: (id: string, paused: boolean) => void;
  onRun: (id: string) => void;
  onDelete: (id: string) => void;
};

/** The organisation's scheduled reports, each with when it runs next, how its last run went, and its buttons. */
export function ScheduleList({ schedules, busy, onDownload, onPause, onRun, onDelete }: Props) {
  const styles = useStyles();
  if (schedules.length === 0) return null;
  return (
    <section className={styles.column} aria-label="Scheduled reports">
      <Text weight="semibold">Scheduled reports</Text>
      {schedules.map((s) => (
        <div key={s.id} className={styles.item} aria-label={s.name}>
          <Text>
            {s.name} — to {s.email.to.join(', ')} ({s.email.formats.map((f) => f.toUpperCase()).join(', ')})
          </Text>
          <Text size={200}>{what(s)}</Text>
          <Text size={200}>{nextRun(s)}</Text>
          <Text size={200}>{lastRun(s)}</Text>
          <div className={styles.row}>
            <Button size="small" disabled={busy} onClick={() => onPause(s.id, !s.paused)}>
              {s.paused ? 'Resume' : 'Pause'}
            </Button>
            <Button size="small" disabled={busy} onClick={() => onRun(s.id)}>
              Run now
            </Button>
            <Button size="small" disabled={busy} onClick={() => onDelete(s.id)}>
              Delete
            </Button>
            {s.lastRun?.files.map((f) => (
              <Button key={f.format} size="small" appearance="subtle" onClick={() => onDownload(s.lastRun!.id, f.format)}>
                Last {f.format.toUpperCase()}
              </Button>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
