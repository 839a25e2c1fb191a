import { useEffect, useRef, useState } from 'react';
import { Button, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import Papa from 'papaparse';
import { applyResponseSchema, historyResponseSchema, mappingsResponseSchema, planResponseSchema } from '../../core/contract';
import type { PlanResponse } from '../../core/contract';
import type { MappingKind } from '../../core/mapping/rows';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import type { CellValue } from '../excel/cells';
import { mappingWorkbook } from '../excel/mapping';
import type { PaneHost } from '../host';
import { mappingSheets, rowsFromCsv, toMappingRow } from '../sheets/mapping-sheets';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // A task pane is about 350 px wide: the choices wrap rather than run off the edge.
  choices: { flexWrap: 'wrap' },
});

type Props = { api: ApiClient; host: PaneHost; organisation: Organisation | null; onError: (title: string, err: unknown) => void };

function checkText(problems: PlanResponse['rows'][number]['problems']): string {
  if (problems.length === 0) return 'OK';
  return problems.map((p) => `${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message.replace(/^Row \d+, /, '')}`).join(' | ');
}

function planText(r: PlanResponse['rows'][number]): string {
  if (r.action === 'invalid') return `will not be written: ${r.reason ?? 'see Check'}`;
  if (r.action === 'unchanged') return 'unchanged';
  if (r.action === 'create') return `will map to ${r.after?.target}`;
  return `will change ${r.before?.target} → ${r.after?.target}`;
}

/** Fill a mapping sheet, suggest and check, approve, preview, then write only the approved rows. */
export function MappingTab({ api, host, organisation, onError }: Props) {
  const styles = useStyles();
  const [kind, setKind] = useState<MappingKind>('accounts');
  const [busy, setBusy] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [planVersion, setPlanVersion] = useState<number | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [watching, setWatching] = useState(0);
  const recheck = useRef<() => void>(() => undefined);
  const def = mappingSheets[kind];

  // While the pane is open, the checks run again a moment after the user edits a source or target cell.
  useEffect(() => {
    if (!host.inExcel || watching === 0) return;
    let stop: (() => Promise<void>) | null = null;
    let live = true;
    mappingWorkbook
      .watch(mappingSheets[kind], () => recheck.current())
      .then((s) => (live ? (stop = s) : void s()))
      .catch(() => undefined);
    return () => {
      live = false;
      void stop?.();
    };
  }, [host.inExcel, kind, watching]);

  if (!organisation) return <Text>Choose an organisation on the Connect tab first.</Text>;
  const base = `/api/orgs/${encodeURIComponent(organisation.tenantId)}/mappings`;

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    try {
      await work();
    } catch (err) {
      onError(`Could not ${label.toLowerCase()}`, err);
    } finally {
      setBusy(null);
    }
  };

  const sheetRows = async () => {
    const table = await mappingWorkbook.read(def);
    if (!table || table.rows.length === 0) throw new Error(`"${def.sheet}" has no rows yet: fill it from a CSV file or from the stored mappings first`);
    return { top: table.top, values: table.rows, rows: table.rows.map((values, i) => toMappingRow(def, table.top + 1 + i, values)) };
  };

  /** The Check column for every row of the sheet, from a plan's answer. */
  const checksOf = (sheet: { top: number; values: unknown[] }, answer: PlanResponse) => {
    const byRow = new Map(answer.rows.map((r) => [r.row, r]));
    return sheet.values.map((_, i) => checkText(byRow.get(sheet.top + 1 + i)?.problems ?? []));
  };

  const plan = async () => {
    const sheet = await sheetRows();
    const answer = await api.post(`${base}/plan`, planResponseSchema, { kind, rows: sheet.rows });
    return { sheet, answer };
  };

  const fillFromCsv = async (f: File) =>
    run('Fill the sheet from the CSV file', async () => {
      const records = await new Promise<string[][]>((resolve, reject) =>
        Papa.parse<string[]>(f, { skipEmptyLines: 'greedy', complete: (result) => resolve(result.data), error: (err) => reject(new Error(`The file could not be read as CSV: ${err.message}`)) }),
      );
      const { rows, missing } = rowsFromCsv(def, records);
      if (missing.length > 0) throw new Error(`The CSV file has no "${missing.join('", "')}" column: its first line must name the columns (e.g. ${def.source.map((s) => s.header).join(', ')})`);
      const result = await mappingWorkbook.fill(organisation, def, rows);
      setWatching((n) => n + 1);
      setSummary(`${result.rows} rows on "${def.sheet}". Next: Suggest and check.`);
    });

  const fillFromStore = () =>
    run('Fill the sheet from the stored mappings', async () => {
      const stored = await api.get(`${base}?kind=${kind}`, mappingsResponseSchema);
      const rows: CellValue[][] = stored.mappings.map((m) => [
        ...def.source.map((s) => (s.field === 'source' ? m.source : s.field === 'name' ? (m.details.name ?? '') : (m.details[s.field] ?? ''))),
        kind === 'customers' ? (m.details.contact ?? m.target) : m.target, '', null, '', 'Written', `mapped in batch ${m.batchId}`,
      ]);
      const result = await mappingWorkbook.fill(organisation, def, rows);
      setWatching((n) => n + 1);
      setSummary(`${result.rows} stored mappings on "${def.sheet}".`);
    });

  const suggest = () =>
    run('Suggest and check', async () => {
      const { sheet, answer } = await plan();
      const byRow = new Map(answer.rows.map((r) => [r.row, r]));
      const at = (i: number) => byRow.get(sheet.top + 1 + i);
      await mappingWorkbook.write(def, sheet.top, {
        Suggested: sheet.values.map((_, i) => at(i)?.suggestion.target ?? ''),
        Confidence: sheet.values.map((_, i) => at(i)?.suggestion.confidence ?? null),
        Check: checksOf(sheet, answer),
      });
      setSummary(`Checked ${answer.rows.length} rows: ${answer.totals.invalid} with errors. Accept suggestions, approve, then preview.`);
    });

  recheck.current = () => void suggest();

  const acceptSuggestions = () =>
    run('Accept the suggestions', async () => {
      const sheet = await sheetRows();
      const n = def.source.length;
      await mappingWorkbook.write(def, sheet.top, {
        'Xero Target': sheet.values.map((v) => (v[n] !== '' && v[n] !== null ? v[n]! : (v[n + 1] ?? ''))),
      });
      // The targets changed, so the checks beside them are checked again at once.
      const again = await plan();
      await mappingWorkbook.write(def, again.sheet.top, { Check: checksOf(again.sheet, again.answer) });
      setSummary(`Suggestions copied into Xero Target where it was empty: ${again.answer.totals.invalid} rows with errors remain. Approve, then preview.`);
    });

  const approve = () =>
    run('Approve rows without errors', async () => {
      const { sheet, answer } = await plan();
      const bad = new Set(answer.rows.filter((r) => r.action === 'invalid').map((r) => r.row));
      const n = def.source.length;
      await mappingWorkbook.write(def, sheet.top, {
        Status: sheet.values.map((v, i) => (bad.has(sheet.top + 1 + i) ? String(v[n + 4] || 'Draft') : v[n + 4] === 'Written' ? 'Written' : 'Approved')),
        Check: checksOf(sheet, answer),
      });
      setSummary(`${answer.rows.length - bad.size} rows approved; ${bad.size} left as they are (see Check).`);
    });

  const preview = () =>
    run('Preview the change', async () => {
      const { sheet, answer } = await plan();
      const byRow = new Map(answer.rows.map((r) => [r.row, r]));
      await mappingWorkbook.write(def, sheet.top, {
        Check: checksOf(sheet, answer),
        Result: sheet.values.map((_, i) => { const r = byRow.get(sheet.top + 1 + i); return r ? planText(r) : ''; }),
      });
      setPlanVersion(answer.version);
      const t = answer.totals;
      setSummary(`Preview: ${t.create} to create, ${t.update} to update, ${t.unchanged} unchanged, ${t.invalid} invalid. Apply writes only the Approved rows.`);
    });

  const apply = () =>
    run('Apply the approved rows', async () => {
      const bound = await mappingWorkbook.binding(organisation);
      const sheet = await sheetRows();
      const key = `apply-${crypto.randomUUID()}`;
      const answer = await api.post(`${base}/apply`, applyResponseSchema, { kind, planVersion: planVersion ?? 0, rows: sheet.rows }, { 'Idempotency-Key': key, 'X-Workbook-Organisation': bound.tenantId });
      const byRow = new Map(answer.results.map((r) => [r.row, r]));
      const n = def.source.length;
      await mappingWorkbook.write(def, sheet.top, {
        Status: sheet.values.map((v, i) => { const r = byRow.get(sheet.top + 1 + i); return r?.result === 'written' || r?.result === 'unchanged' ? 'Written' : r?.result === 'failed' || r?.result === 'conflict' ? 'Failed' : String(v[n + 4] || 'Draft'); }),
        Result: sheet.values.map((_, i) => { const r = byRow.get(sheet.top + 1 + i); return r ? `${r.result}: ${r.message}` : ''; }),
      });
      const count = (x: string) => answer.results.filter((r) => r.result === x).length;
      setSummary(`Batch ${answer.batchId}: ${count('written')} written, ${count('unchanged')} unchanged, ${count('failed')} failed, ${count('conflict')} conflicts, ${count('skipped')} not approved.`);
    });

  const undo = () =>
    run('Undo the last batch', async () => {
      const bound = await mappingWorkbook.binding(organisation);
      const { batches } = await api.get(`${base}/history`, historyResponseSchema);
      const last = batches.find((b) => b.kind === kind && !b.reverts && !b.revertedBy);
      if (!last) throw new Error(`There is no applied ${def.title.toLowerCase()} batch to undo`);
      const answer = await api.post(`${base}/batches/${encodeURIComponent(last.id)}/revert`, applyResponseSchema, {}, { 'Idempotency-Key': `revert-${crypto.randomUUID()}`, 'X-Workbook-Organisation': bound.tenantId });
      setSummary(`Batch ${last.id} undone (${answer.results.length} mappings put back, as batch ${answer.batchId}). Fill from stored mappings to see them.`);
    });

  const off = busy !== null || !host.inExcel;
  return (
    <section className={styles.column} aria-label="Mapping">
      <RadioGroup className={styles.choices} layout="horizontal" value={kind} onChange={(_e, d) => { setKind(d.value as MappingKind); setSummary(null); setPlanVersion(null); }} aria-label="Mapping kind">
        {Object.values(mappingSheets).map((m) => <Radio key={m.kind} value={m.kind} label={m.title} />)}
      </RadioGroup>
      <Text size={200}>Sheet "{def.sheet}": {def.source.map((s) => s.header).join(', ')}, then Xero Target, Suggested, Confidence, Check, Status and Result.</Text>
      <div className={styles.row}>
        <input ref={file} type="file" accept=".csv,text/csv" hidden aria-label="CSV file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void fillFromCsv(f); e.target.value = ''; }} />
        <Button disabled={off} onClick={() => file.current?.click()}>Fill from CSV file…</Button>
        <Button disabled={off} onClick={() => void fillFromStore()}>Fill from stored mappings</Button>
      </div>
      <div className={styles.row}>
        <Button disabled={off} onClick={() => void suggest()}>Suggest and check</Button>
        <Button disabled={off} onClick={() => void acceptSuggestions()}>Accept suggestions</Button>
        <Button disabled={off} onClick={() => void approve()}>Approve rows without errors</Button>
      </div>
      <div className={styles.row}>
        <Button disabled={off} onClick={() => void preview()}>Preview</Button>
        <Button appearance="primary" disabled={off || planVersion === null} onClick={() => void apply()}>Apply approved rows</Button>
        <Button disabled={off} onClick={() => void undo()}>Undo the last batch</Button>
      </div>
      {busy && <Text role="status">{busy}…</Text>}
      {summary && <Text aria-live="polite">{summary}</Text>}
      {!host.inExcel && <Text weight="semibold">Open this pane in Excel to work on mapping sheets.</Text>}
    </section>
  );
}
