import { useState } from 'react';
import { Button, Checkbox, Dropdown, Field, Option, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import type { PaneHost } from '../office/host';
import { defaultParams, reportQuery, reportRequest } from '../reports/params';
import type { ReportParams } from '../reports/params';
import { saveFile } from '../reports/save-file';
import { useReportSheets } from '../reports/use-report-sheets';
import { REPORT_SHEETS } from '../sheets/report-sheets';
import { ReportOptions } from './ReportOptions';
import { Schedules } from '../schedules/Schedules';
import { Statements } from '../statements/Statements';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  narrow: { width: '6rem' },
});

type Props = {
  api: ApiClient;
  host: PaneHost;
  organisation: Organisation | null;
  onError: (title: string, err: unknown) => void;
  today?: string;
};

export function ReportsTab({ api, host, organisation, onError, today = new Date().toISOString().slice(0, 10) }: Props) {
  const styles = useStyles();
  const [params, setParams] = useState<ReportParams>(() => defaultParams(today));
  const reports = useReportSheets({ api, host, organisation, onError });
  const set = <K extends keyof ReportParams>(key: K, value: ReportParams[K]) => setParams((p) => ({ ...p, [key]: value }));

  if (!organisation) return <Text>Choose an organisation on the Connect tab first.</Text>;

  const exportAs = (format: 'pdf' | 'csv') =>
    reports.run(`Preparing the ${format.toUpperCase()}…`, `Could not export the ${format.toUpperCase()}`, async () => {
      const { route, query } = reportRequest(params.kind, reportQuery(params), REPORT_SHEETS[params.kind].sheet);
      const file = await api.download(route, { tenantId: organisation.tenantId, query: { ...query, format } });
      saveFile(file.blob, file.filename);
    });

  const busy = reports.busy !== null;
  return (
    <section className={styles.column} aria-label="Reports">
      <ReportOptions params={params} set={set} />
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || !host.inExcel} onClick={() => void reports.buildNow(params.kind, reportQuery(params))}>
          Build in sheet
        </Button>
        <Button disabled={busy} onClick={() => void exportAs('pdf')}>
          Export PDF
        </Button>
        <Button disabled={busy} onClick={() => void exportAs('csv')}>
          Export CSV
        </Button>
      </div>
      <Schedules api={api} tenantId={organisation.tenantId} params={params} onError={onError} />
      {params.kind === 'account-summary' && (
        <Statements api={api} tenantId={organisation.tenantId} from={params.from} to={params.to} inExcel={host.inExcel} onError={onError} />
      )}
      {reports.sheets.length > 0 && (
        <div className={styles.column}>
          <Text weight="semibold">Report sheets in this workbook: {reports.sheets.map((s) => s.sheet).join(', ')}</Text>
          <div className={styles.row}>
            <Button disabled={busy} onClick={() => void reports.refreshAll()}>
              Refresh all report sheets
            </Button>
            <Field label="Every">
              <Dropdown
                className={styles.narrow}
                value={reports.refreshMinutes ? `${reports.refreshMinutes} min` : 'off'}
                selectedOptions={[String(reports.refreshMinutes)]}
                onOptionSelect={(_e, d) => reports.setRefreshMinutes(Number(d.optionValue))}
              >
                <Option value="0">off</Option>
                <Option value="15">15 min</Option>
                <Option value="30">30 min</Option>
                <Option value="60">60 min</Option>
              </Dropdown>
            </Field>
          </div>
          <Checkbox
            label="Refresh report sheets when this workbook opens"
            checked={reports.refreshOnOpen}
            onChange={(_e, d) => reports.toggleRefreshOnOpen(d.checked === true)}
          />
        </div>
      )}
      {reports.busy && (
        <div aria-live="polite">
          <Text>{reports.busy}</Text>
          <ProgressBar thickness="large" />
        </div>
      )}
    </section>
  );
}
