import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ageingResponseSchema, summaryResponseSchema } from '../../core/contract';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import type { StoredReport } from '../excel/report-sheet';
import { buildReportInSheet, reportsInWorkbook } from '../excel/reports';
import type { PaneHost } from '../host';
import { defaultParams, reportPath, reportQuery } from '../reports/params';
import type { ReportParams } from '../reports/params';
import { ageingSheet, REPORT_SHEETS, summarySheet } from '../sheets/report-sheets';
import type { ReportKind } from '../sheets/report-sheets';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  narrow: { width: '6rem' },
  // A task pane is about 350 px wide: the choices wrap rather than run off the edge.
  choices: { flexWrap: 'wrap' },
});

type Props = {
  api: ApiClient;
  host: PaneHost;
  organisation: Organisation | null;
  onError: (title: string, err: unknown) => void;
  today?: string;
};

const REFRESH_ON_OPEN = 'xeroBridge.refreshOnOpen';

function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ReportsTab({ api, host, organisation, onError, today = new Date().toISOString().slice(0, 10) }: Props) {
  const styles = useStyles();
  const [params, setParams] = useState<ReportParams>(() => defaultParams(today));
  const [busy, setBusy] = useState<string | null>(null);
  const [sheets, setSheets] = useState<StoredReport[]>([]);
  const [refreshMinutes, setRefreshMinutes] = useState(0);
  const [refreshOnOpen, setRefreshOnOpen] = useState(false);
  const refreshedOnOpen = useRef(false);
  const set = <K extends keyof ReportParams>(key: K, value: ReportParams[K]) => setParams((p) => ({ ...p, [key]: value }));

  const build = useCallback(
    async (kind: ReportKind, query: Record<string, string>) => {
      if (!organisation) return;
      const path = `/api/orgs/${encodeURIComponent(organisation.tenantId)}/reports/${kind === 'account-summary' ? 'account-summary' : 'ageing'}?${new URLSearchParams(query).toString()}`;
      const sheet =
        kind === 'account-summary'
          ? summarySheet(await api.get(path, summaryResponseSchema))
          : ageingSheet(kind, await api.get(path, ageingResponseSchema));
      await buildReportInSheet(organisation, sheet, { sheet: REPORT_SHEETS[kind].sheet, kind, query });
    },
    [api, organisation],
  );

  const refreshAll = useCallback(async () => {
    setBusy('Refreshing report sheets…');
    try {
      const stored = await reportsInWorkbook();
      for (const r of stored) await build(r.kind as ReportKind, r.query);
      setSheets(stored);
    } catch (err) {
      onError('Could not refresh the report sheets', err);
    } finally {
      setBusy(null);
    }
  }, [build, onError]);

  useEffect(() => {
    if (!host.inExcel || !organisation) return;
    let live = true;
    reportsInWorkbook()
      .then((stored) => live && setSheets(stored))
      .catch(() => undefined);
    const on = typeof Office !== 'undefined' && Office.context?.document?.settings?.get(REFRESH_ON_OPEN) === true;
    setRefreshOnOpen(on);
    if (on && !refreshedOnOpen.current) {
      refreshedOnOpen.current = true;
      void refreshAll();
    }
    return () => {
      live = false;
    };
  }, [host.inExcel, organisation, refreshAll]);

  useEffect(() => {
    if (refreshMinutes <= 0) return;
    const timer = setInterval(() => void refreshAll(), refreshMinutes * 60_000);
    return () => clearInterval(timer);
  }, [refreshMinutes, refreshAll]);

  if (!organisation) return <Text>Choose an organisation on the Connect tab first.</Text>;

  const buildNow = async () => {
    setBusy(`Building ${REPORT_SHEETS[params.kind].sheet}…`);
    try {
      await build(params.kind, reportQuery(params));
      setSheets(await reportsInWorkbook());
    } catch (err) {
      onError(`Could not build ${REPORT_SHEETS[params.kind].sheet}`, err);
    } finally {
      setBusy(null);
    }
  };

  const exportAs = async (format: 'pdf' | 'csv') => {
    setBusy(`Preparing the ${format.toUpperCase()}…`);
    try {
      const query = new URLSearchParams({ ...reportQuery(params), format }).toString();
      const file = await api.download(`/api/orgs/${encodeURIComponent(organisation.tenantId)}/reports/${reportPath(params)}?${query}`);
      saveFile(file.blob, file.filename);
    } catch (err) {
      onError(`Could not export the ${format.toUpperCase()}`, err);
    } finally {
      setBusy(null);
    }
  };

  const toggleRefreshOnOpen = (on: boolean) => {
    setRefreshOnOpen(on);
    if (typeof Office === 'undefined' || !Office.context?.document?.settings) return;
    const settings = Office.context.document.settings;
    settings.set(REFRESH_ON_OPEN, on);
    // Opens this pane with the workbook, so that the report sheets can refresh.
    settings.set('Office.AutoShowTaskpaneWithDocument', on);
    settings.saveAsync();
  };

  const ageing = params.kind !== 'account-summary';
  return (
    <section className={styles.column} aria-label="Reports">
      <RadioGroup className={styles.choices} layout="horizontal" value={params.kind} onChange={(_e, d) => set('kind', d.value as ReportKind)} aria-label="Report">
        <Radio value="aged-receivables" label="Aged receivables" />
        <Radio value="aged-payables" label="Aged payables" />
        <Radio value="account-summary" label="Account summary" />
      </RadioGroup>
      {ageing ? (
        <>
          <div className={styles.row}>
            <Field label="As at">
              <Input type="date" value={params.asAt} onChange={(_e, d) => set('asAt', d.value)} />
            </Field>
            <Field label="Age by">
              <Dropdown value={params.basis === 'due' ? 'Due date' : 'Invoice date'} selectedOptions={[params.basis]} onOptionSelect={(_e, d) => set('basis', d.optionValue as 'due' | 'invoice')}>
                <Option value="due">Due date</Option>
                <Option value="invoice">Invoice date</Option>
              </Dropdown>
            </Field>
          </div>
          <div className={styles.row}>
            <Field label="Periods">
              <Input className={styles.narrow} type="number" min={1} max={12} value={String(params.periods)} onChange={(_e, d) => set('periods', Math.min(12, Math.max(1, Number(d.value) || 1)))} />
            </Field>
            <Field label="Each">
              <Input className={styles.narrow} type="number" min={1} value={String(params.length)} onChange={(_e, d) => set('length', Math.max(1, Number(d.value) || 1))} />
            </Field>
            <Field label="Unit">
              <Dropdown className={styles.narrow} value={params.unit} selectedOptions={[params.unit]} onOptionSelect={(_e, d) => set('unit', d.optionValue as ReportParams['unit'])}>
                <Option value="day">day</Option>
                <Option value="week">week</Option>
                <Option value="month">month</Option>
              </Dropdown>
            </Field>
          </div>
          <div className={styles.row}>
            <Checkbox label="Invoice lines" checked={params.detail === 'invoices'} onChange={(_e, d) => set('detail', d.checked ? 'invoices' : 'summary')} />
            <Checkbox label="Date ranges as titles" checked={params.titles === 'range'} onChange={(_e, d) => set('titles', d.checked ? 'range' : 'period')} />
            <Checkbox label="Unapplied credits" checked={params.includeUnappliedCredits} onChange={(_e, d) => set('includeUnappliedCredits', d.checked === true)} />
          </div>
        </>
      ) : (
        <div className={styles.row}>
          <Field label="From">
            <Input type="date" value={params.from} onChange={(_e, d) => set('from', d.value)} />
          </Field>
          <Field label="To">
            <Input type="date" value={params.to} onChange={(_e, d) => set('to', d.value)} />
          </Field>
        </div>
      )}
      <Checkbox label="In each document's currency" checked={params.currency === 'document'} onChange={(_e, d) => set('currency', d.checked ? 'document' : 'base')} />
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy !== null || !host.inExcel} onClick={() => void buildNow()}>
          Build in sheet
        </Button>
        <Button disabled={busy !== null} onClick={() => void exportAs('pdf')}>
          Export PDF
        </Button>
        <Button disabled={busy !== null} onClick={() => void exportAs('csv')}>
          Export CSV
        </Button>
      </div>
      {sheets.length > 0 && (
        <div className={styles.column}>
          <Text weight="semibold">Report sheets in this workbook: {sheets.map((s) => s.sheet).join(', ')}</Text>
          <div className={styles.row}>
            <Button disabled={busy !== null} onClick={() => void refreshAll()}>
              Refresh all report sheets
            </Button>
            <Field label="Every">
              <Dropdown className={styles.narrow} value={refreshMinutes ? `${refreshMinutes} min` : 'off'} selectedOptions={[String(refreshMinutes)]} onOptionSelect={(_e, d) => setRefreshMinutes(Number(d.optionValue))}>
                <Option value="0">off</Option>
                <Option value="15">15 min</Option>
                <Option value="30">30 min</Option>
                <Option value="60">60 min</Option>
              </Dropdown>
            </Field>
          </div>
          <Checkbox label="Refresh report sheets when this workbook opens" checked={refreshOnOpen} onChange={(_e, d) => toggleRefreshOnOpen(d.checked === true)} />
        </div>
      )}
      {busy && (
        <div aria-live="polite">
          <Text>{busy}</Text>
          <ProgressBar thickness="large" />
        </div>
      )}
    </section>
  );
}
