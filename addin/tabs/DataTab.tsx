import { useState } from 'react';
import {
  Button,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import { mappingWorkbook } from '../excel/mapping';
import { pullIntoSheet } from '../excel/workbook';
import { mappingSheets } from '../sheets/mapping-sheets';
import type { PaneHost } from '../host';
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
      { onProgress: (done, total) => setProgress({ title: definition.title, stage: `Writing rows ${done.toLocaleString()} of ${total.toLocaleString()}…`, value: total === 0 ? 1 : done / total }) },
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
    // After a pull, the stored mappings are checked again against what Xero holds now.
    try {
      const { drift } = await api.call('mappingDrift', { tenantId: organisation.tenantId });
      if (drift.length > 0) {
        await mappingWorkbook.flagDrift(drift, Object.values(mappingSheets));
        const shown = drift.slice(0, 5).map((d) => `${d.kind} ${d.source} → ${d.target}: ${d.problem}`).join(' · ');
        onError(`${drift.length} stored mapping${drift.length > 1 ? 's' : ''} no longer fit Xero`, new Error(`${shown}${drift.length > 5 ? ' · …' : ''}. They are marked in the Check column of the mapping sheets.`));
      }
    } catch (err) {
      onError('Could not check the stored mappings against Xero', err);
    }
  };

  const tables = xeroTables as unknown as readonly XeroTableDefinition<never>[];
  const busy = progress !== null;

  return (
    <section className={styles.column} aria-label="Data">
      <Text>
        Pull {organisation.name}'s tables into sheets. Pulling again refreshes each table in place; nothing of yours
        outside the tables is touched.
      </Text>
      {!host.inExcel && <Text weight="semibold">Open this pane in Excel to pull tables into sheets.</Text>}
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
                <Button size="small" disabled={busy || !host.inExcel} onClick={() => void run([t])} aria-label={`Pull ${t.title}`}>
                  Pull
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button appearance="primary" disabled={busy || !host.inExcel} onClick={() => void run(tables)}>
        Pull all four tables
      </Button>
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
