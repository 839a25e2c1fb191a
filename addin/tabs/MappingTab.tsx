import { useEffect, useRef, useState } from 'react';
import { Button, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Organisation } from '../../core/domain';
import type { MappingKind } from '../../core/mapping/rows';
import type { ApiClient } from '../api/client';
import { mappingWorkbook } from '../excel/mapping';
import type { PaneHost } from '../host';
import { useMappingActions } from '../mapping/use-mapping-actions';
import { mappingSheets, REVIEW_COLUMNS } from '../sheets/mapping-sheets';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // A task pane is about 350 px wide: the choices wrap rather than run off the edge.
  choices: { flexWrap: 'wrap' },
});

type Props = { api: ApiClient; host: PaneHost; organisation: Organisation | null; onError: (title: string, err: unknown) => void };

/** Fill a mapping sheet, suggest and check, approve, preview, then write only the approved rows. */
export function MappingTab({ api, host, organisation, onError }: Props) {
  const [kind, setKind] = useState<MappingKind>('accounts');
  if (!organisation) return <Text>Choose an organisation on the Connect tab first.</Text>;
  return <MappingActions key={kind} api={api} host={host} organisation={organisation} onError={onError} kind={kind} onKind={setKind} />;
}

type ActionsProps = Omit<Props, 'organisation'> & { organisation: Organisation; kind: MappingKind; onKind: (kind: MappingKind) => void };

function MappingActions({ api, host, organisation, onError, kind, onKind }: ActionsProps) {
  const styles = useStyles();
  const file = useRef<HTMLInputElement>(null);
  const recheck = useRef<() => void>(() => undefined);
  const def = mappingSheets[kind];
  const { busy, summary, planVersion, watching, actions: a } = useMappingActions({ api, organisation, kind, planVersion: null, onError });
  recheck.current = () => void a.suggest();

  // While the pane is open, the checks run again a moment after the user edits a source or target cell.
  useEffect(() => {
    if (!host.inExcel || watching === 0) return;
    let stop: (() => Promise<void>) | null = null;
    let live = true;
    mappingWorkbook
      .watch(def, () => recheck.current())
      .then((s) => (live ? (stop = s) : void s()))
      .catch(() => undefined);
    return () => {
      live = false;
      void stop?.();
    };
  }, [host.inExcel, def, watching]);

  const off = busy !== null || !host.inExcel;
  return (
    <section className={styles.column} aria-label="Mapping">
      <RadioGroup className={styles.choices} layout="horizontal" value={kind} onChange={(_e, d) => onKind(d.value as MappingKind)} aria-label="Mapping kind">
        {Object.values(mappingSheets).map((m) => (
          <Radio key={m.kind} value={m.kind} label={m.title} />
        ))}
      </RadioGroup>
      <Text size={200}>
        Sheet "{def.sheet}": {def.source.map((s) => s.header).join(', ')}, then {REVIEW_COLUMNS.slice(0, -1).map((c) => c.header).join(', ')} and {REVIEW_COLUMNS.at(-1)?.header}.
      </Text>
      <div className={styles.row}>
        <input ref={file} type="file" accept=".csv,text/csv" hidden aria-label="CSV file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void a.fillFromCsv(f); e.target.value = ''; }} />
        <Button disabled={off} onClick={() => file.current?.click()}>Fill from CSV file…</Button>
        <Button disabled={off} onClick={() => void a.fillFromStore()}>Fill from stored mappings</Button>
      </div>
      <div className={styles.row}>
        <Button disabled={off} onClick={() => void a.suggest()}>Suggest and check</Button>
        <Button disabled={off} onClick={() => void a.acceptSuggestions()}>Accept suggestions</Button>
        <Button disabled={off} onClick={() => void a.approve()}>Approve rows without errors</Button>
      </div>
      <div className={styles.row}>
        <Button disabled={off} onClick={() => void a.preview()}>Preview</Button>
        <Button appearance="primary" disabled={off || planVersion === null} onClick={() => void a.apply()}>Apply approved rows</Button>
        <Button disabled={off} onClick={() => void a.undo()}>Undo the last batch</Button>
      </div>
      {busy && <Text role="status">{busy}…</Text>}
      {summary && <Text aria-live="polite">{summary}</Text>}
      {!host.inExcel && <Text weight="semibold">Open this pane in Excel to work on mapping sheets.</Text>}
    </section>
  );
}
