import { useRef, useState } from 'react';
import { Button, ProgressBar, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Organisation } from '../../core/domain';
import type { MappingKind } from '../../core/mapping/rows';
import type { ApiClient } from '../api/client';
import { useMappingActions } from '../mapping/use-mapping-actions';
import type { RowsDone } from '../mapping/use-mapping-actions';
import type { PaneHost } from '../office/host';
import { mappingSheets, REVIEW_COLUMNS } from '../sheets/mapping-sheets';
import { WholeNumberField } from './WholeNumberField';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // A task pane is about 350 px wide: the choices wrap rather than run off the edge.
  choices: { flexWrap: 'wrap' },
  narrow: { width: '6rem' },
});

type Props = { api: ApiClient; host: PaneHost; organisation: Organisation | null; onError: (title: string, err: unknown) => void };

/** Fill a mapping sheet, suggest and check, approve, preview, then write only the approved rows. */
export function MappingTab({ api, host, organisation, onError }: Props) {
  const [kind, setKind] = useState<MappingKind>('accounts');
  if (!organisation) return <Text>Choose an organisation on the Connect tab first.</Text>;
  // A new kind starts afresh: no summary, no preview to apply.
  return <MappingActions key={kind} api={api} host={host} organisation={organisation} onError={onError} kind={kind} onKind={setKind} />;
}

type ActionsProps = Omit<Props, 'organisation'> & { organisation: Organisation; kind: MappingKind; onKind: (kind: MappingKind) => void };

function MappingActions({ api, host, organisation, onError, kind, onKind }: ActionsProps) {
  const styles = useStyles();
  const def = mappingSheets[kind];
  const {
    busy,
    rowsDone,
    summary,
    planVersion,
    actions: a,
    run,
    cancel,
    removal,
    keepRows,
  } = useMappingActions({ api, organisation, kind, inExcel: host.inExcel, onError });
  const off = busy !== null || !host.inExcel;
  const [atLeast, setAtLeast] = useState(100);
  const review = REVIEW_COLUMNS.map((c) => c.header);
  return (
    <section className={styles.column} aria-label="Mapping">
      <RadioGroup className={styles.choices} layout="horizontal" value={kind} onChange={(_e, d) => onKind(d.value as MappingKind)} aria-label="Mapping kind">
        {Object.values(mappingSheets).map((m) => (
          <Radio key={m.kind} value={m.kind} label={m.title} />
        ))}
      </RadioGroup>
      <Text size={200}>
        Sheet "{def.sheet}": {def.source.map((s) => s.header).join(', ')}, then {review.slice(0, -1).join(', ')} and {review.at(-1)}.
      </Text>
      <FillButtons off={off} actions={a} run={run} />
      <div className={styles.row}>
        <Button disabled={off} onClick={() => void run(a.suggest)}>
          {a.suggest.button}
        </Button>
        <Button disabled={off} onClick={() => void run(a.acceptSuggestions, atLeast)}>
          {a.acceptSuggestions.button}
        </Button>
        <Button disabled={off} onClick={() => void run(a.approve)}>
          {a.approve.button}
        </Button>
      </div>
      <WholeNumberField
        label="Accept suggestions at a confidence of at least (%)"
        hint="100: only exact matches (the same code, email or account number)"
        className={styles.narrow}
        min={0}
        max={100}
        value={atLeast}
        onChange={setAtLeast}
      />
      <div className={styles.row}>
        {[a.preview, a.apply, a.undo].map((action) => (
          <Button
            key={action.label}
            appearance={action === a.apply ? 'primary' : 'secondary'}
            disabled={off || (action === a.apply && planVersion === null)}
            onClick={() => void run(action)}
          >
            {action.button}
          </Button>
        ))}
      </div>
      {removal && !busy && <RemovalQuestion removal={removal} run={run} keep={keepRows} />}
      <ActionStatus busy={busy} rowsDone={rowsDone} onCancel={cancel} summary={summary} inExcel={host.inExcel} />
    </section>
  );
}

type Actions = ReturnType<typeof useMappingActions>;

/** Fill from a CSV file (through the file chooser) or from the stored mappings. */
function FillButtons({ off, actions: a, run }: { off: boolean; actions: Actions['actions']; run: Actions['run'] }) {
  const styles = useStyles();
  const file = useRef<HTMLInputElement>(null);
  return (
    <div className={styles.row}>
      <input
        ref={file}
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label="CSV file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void run(a.fillFromCsv, f);
          e.target.value = '';
        }}
      />
      <Button disabled={off} onClick={() => file.current?.click()}>
        {a.fillFromCsv.button}
      </Button>
      <Button disabled={off} onClick={() => void run(a.fillFromStore)}>
        {a.fillFromStore.button}
      </Button>
    </div>
  );
}

/** After a fill, the rows it did not name: removed only when the user says so. */
function RemovalQuestion({ removal, run, keep }: { removal: NonNullable<Actions['removal']>; run: Actions['run']; keep: () => void }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label="Rows not in the fill" className={styles.column}>
      <Text>
        {removal.count} rows on the sheet are not in {removal.from}.
        {removal.written > 0 ? ` ${removal.written} of them are Written: removing them from the sheet does not undo their mappings.` : ''} Remove them from the
        sheet?
      </Text>
      <div className={styles.row}>
        <Button onClick={() => void run(removal.remove)}>{removal.remove.button}</Button>
        <Button onClick={keep}>Keep them</Button>
      </div>
    </div>
  );
}

type StatusProps = { busy: string | null; rowsDone: RowsDone | null; onCancel: () => void; summary: string | null; inExcel: boolean };

/**
 * What runs now, with a progress bar (rows done of the total once the sheet goes to the proxy in parts) and
 * Cancel, honoured between parts; what the last action did; and why nothing can run outside Excel.
 */
function ActionStatus({ busy, rowsDone, onCancel, summary, inExcel }: StatusProps) {
  const [cancelling, setCancelling] = useState(false);
  if (!busy && cancelling) setCancelling(false);
  return (
    <>
      {busy && (
        <div role="status" aria-live="polite">
          <Text>
            {busy}…{rowsDone && rowsDone.total > 0 ? ` ${rowsDone.done.toLocaleString()} of ${rowsDone.total.toLocaleString()} rows` : ''}
          </Text>
          <ProgressBar thickness="large" value={rowsDone && rowsDone.total > 0 ? rowsDone.done / rowsDone.total : undefined} />
          {rowsDone && (
            <Button
              size="small"
              disabled={cancelling}
              onClick={() => {
                setCancelling(true);
                onCancel();
              }}
            >
              {cancelling ? 'Cancelling after this part…' : 'Cancel'}
            </Button>
          )}
        </div>
      )}
      {summary && <Text aria-live="polite">{summary}</Text>}
      {!inExcel && <Text weight="semibold">Open this pane in Excel to work on mapping sheets.</Text>}
    </>
  );
}
