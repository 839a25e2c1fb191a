import { useState } from 'react';
import { Button, ProgressBar, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import { refreshFormulas } from '../functions/refresh';
import { recalculateWorkbook } from '../excel/recalculate';
import { flagDrift } from '../mapping/flag-drift';
import { pullIntoSheet } from '../excel/workbook';
import type { PaneHost } from '../office/host';
import { xeroTables } from '../sheets/xero-tables';
import type { XeroTableDefinition } from '../sheets/xero-tables';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Props = {
  api: ApiClient;
  host: PaneHost;
  organisation: Organisation | null;
  onError: (title: string, err: unknown) => void;
};

type Pulled = { rows: number; at: string };
type Progress = { title: string; stage: string; value: number | undefined };

type ListProps = {
  tables: readonly XeroTableDefinition<never>[];
  pulled: Record<string, Pulled>;
  disabled: boolean;
  onPull: (table: XeroTableDefinition<never>) => void;
};

/** The four Xero tables, their sheets, when each was last pulled, and a button to pull it. */
function XeroTablesList({ tables, pulled, disabled, onPull }: ListProps) {
  return (
    <Table size="small" aria-label="Xero tables">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Table</TableHeaderCell>
          <TableHeaderCell>Sheet</TableHeaderCell>
          <TableHeaderCell>Last pull</TableHeaderCell>
          <TableHeaderCell />
        </TableRow>
      </TableHeader>
      <TableBody>
        {tables.map((t) => (
          <TableRow key={t.kind}>
            <TableCell>{t.title}</TableCell>
            <TableCell>{t.sheet}</TableCell>
            <TableCell>{pulled[t.kind] ? `${pulled[t.kind]!.rows.toLocaleString()} rows at ${pulled[t.kind]!.at}` : '–'}</TableCell>
            <TableCell>
              <Button size="small" disabled={disabled} onClick={() => onPull(t)} aria-label={`Pull ${t.title}`}>
                Pull
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** "Refresh formulas": the XERO functions' cells recalculated with what changed in Xero. */
function FormulasRefresh({ api, tenantId, disabled, onError }: { api: ApiClient; tenantId: string; disabled: boolean; onError: Props['onError'] }) {
  const [busy, setBusy] = useState(false);
  const [at, setAt] = useState<string | null>(null);
  const refresh = async () => {
    setBusy(true);
    try {
      setAt(new Date(await refreshFormulas(api, tenantId)).toLocaleTimeString());
    } catch (err) {
      onError('Could not refresh the XERO formulas', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button disabled={disabled || busy} onClick={() => void refresh()}>
        {busy ? 'Refreshing formulas…' : 'Refresh formulas'}
      </Button>
      <Text size={200} aria-live="polite">
        {at ? `XERO formulas recalculated with figures fetched at ${at}. ` : ''}Cells with =XERO.BALANCE(…) and the other XERO functions recalculate after a
        pull, and here.
      </Text>
    </>
  );
}

export function DataTab({ api, host, organisation, onError }: Props) {
  const styles = useStyles();
  const [pulled, setPulled] = useState<Record<string, Pulled>>({});
  const [progress, setProgress] = useState<Progress | null>(null);
  const [dayRemaining, setDayRemaining] = useState<number | null>(null);

  if (!organisation) return <Text>Choose an organisation on the Connect tab first.</Text>;

  const pull = async (definition: XeroTableDefinition<never>) => {
    setProgress({ title: definition.title, stage: 'Reading from Xero…', value: undefined });
    const body = await api.call(definition.kind, { tenantId: organisation.tenantId });
    if (body.usage.dayRemaining !== null) setDayRemaining(body.usage.dayRemaining);
    const rows = (body.records as never[]).map((record) => definition.row(record));
    setProgress({ title: definition.title, stage: `Writing ${rows.length.toLocaleString()} rows…`, value: 0 });
    const result = await pullIntoSheet(
      organisation,
      { sheet: definition.sheet, table: definition.table, columns: definition.columns, rows },
      {
        onProgress: (done, total) =>
          setProgress({
            title: definition.title,
            stage: `Writing rows ${done.toLocaleString()} of ${total.toLocaleString()}…`,
            value: total === 0 ? 1 : done / total,
          }),
      },
    );
    setPulled((p) => ({ ...p, [definition.kind]: { rows: result.rows, at: new Date().toLocaleTimeString() } }));
  };

  const run = async (definitions: readonly XeroTableDefinition<never>[]) => {
    let current = 'the table';
    try {
      for (const definition of definitions) {
        current = definition.title.toLowerCase();
        await pull(definition);
      }
    } catch (err) {
      onError(`Could not pull ${current} into the sheet`, err);
      setProgress(null);
      return;
    }
    setProgress(null);
    // After a pull, the XERO functions recalculate, and the stored mappings are checked again against what Xero holds now.
    await recalculateWorkbook().catch((err: unknown) => onError('Could not recalculate the XERO formulas', err));
    await flagDrift(api, organisation.tenantId, onError);
  };

  const tables = xeroTables as unknown as readonly XeroTableDefinition<never>[];
  const busy = progress !== null;

  return (
    <section className={styles.column} aria-label="Data">
      <Text>Pull {organisation.name}'s tables into sheets. Pulling again refreshes each table in place; nothing of yours outside the tables is touched.</Text>
      {!host.inExcel && <Text weight="semibold">Open this pane in Excel to pull tables into sheets.</Text>}
      <XeroTablesList tables={tables} pulled={pulled} disabled={busy || !host.inExcel} onPull={(t) => void run([t])} />
      <Button appearance="primary" disabled={busy || !host.inExcel} onClick={() => void run(tables)}>
        Pull all four tables
      </Button>
      <FormulasRefresh api={api} tenantId={organisation.tenantId} disabled={busy || !host.inExcel} onError={onError} />
      {dayRemaining !== null && <Text size={200}>Xero calls left today for this organisation: {dayRemaining.toLocaleString()} of 5,000</Text>}
      {progress && (
        <div aria-live="polite">
          <Text>
            {progress.title}: {progress.stage}
          </Text>
          <ProgressBar value={progress.value} thickness="large" />
        </div>
      )}
    </section>
  );
}
