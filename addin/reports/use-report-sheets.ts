import { useCallback, useEffect, useRef, useState } from 'react';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import type { StoredReport } from '../excel/report-sheet';
import { buildReportInSheet, reportsInWorkbook } from '../excel/reports';
import type { PaneHost } from '../office/host';
import { refreshOnOpen, setRefreshOnOpen } from '../office/settings';
import { ageingSheet, REPORT_SHEETS, summarySheet } from '../sheets/report-sheets';
import type { ReportKind } from '../sheets/report-sheets';
import { reportRequest } from './params';

type Options = { api: ApiClient; host: PaneHost; organisation: Organisation | null; onError: (title: string, err: unknown) => void };

/** The workbook's report sheets: build one, refresh them all (now, every few minutes, or when the workbook opens). */
export function useReportSheets({ api, host, organisation, onError }: Options) {
  const [busy, setBusy] = useState<string | null>(null);
  const [sheets, setSheets] = useState<StoredReport[]>([]);
  const [refreshMinutes, setRefreshMinutes] = useState(0);
  const [onOpen, setOnOpen] = useState(false);
  const refreshedOnOpen = useRef(false);

  const build = useCallback(
    async (kind: ReportKind, query: Record<string, string>) => {
      if (!organisation) return;
      const { sheet } = REPORT_SHEETS[kind];
      const request = reportRequest(kind, query, sheet);
      const tenantId = organisation.tenantId;
      const report =
        request.route === 'accountSummary'
          ? summarySheet(await api.call('accountSummary', { tenantId, query: request.query }))
          : ageingSheet(kind as Exclude<ReportKind, 'account-summary'>, await api.call('ageingReport', { tenantId, query: request.query }));
      await buildReportInSheet(organisation, report, { sheet, kind, query });
    },
    [api, organisation],
  );

  const run = useCallback(
    async (label: string, failure: string, work: () => Promise<void>) => {
      setBusy(label);
      try {
        await work();
      } catch (err) {
        onError(failure, err);
      } finally {
        setBusy(null);
      }
    },
    [onError],
  );

  const refreshAll = useCallback(
    () =>
      run('Refreshing report sheets…', 'Could not refresh the report sheets', async () => {
        const stored = await reportsInWorkbook();
        for (const r of stored) await build(r.kind as ReportKind, r.query);
        setSheets(stored);
      }),
    [build, run],
  );

  useEffect(() => {
    if (!host.inExcel || !organisation) return;
    let live = true;
    reportsInWorkbook()
      .then((stored) => live && setSheets(stored))
      .catch(() => undefined);
    const on = refreshOnOpen();
    setOnOpen(on);
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

  const buildNow = (kind: ReportKind, query: Record<string, string>) =>
    run(`Building ${REPORT_SHEETS[kind].sheet}…`, `Could not build ${REPORT_SHEETS[kind].sheet}`, async () => {
      await build(kind, query);
      setSheets(await reportsInWorkbook());
    });

  const toggleRefreshOnOpen = (on: boolean) => {
    setOnOpen(on);
    setRefreshOnOpen(on);
  };

  return { busy, run, sheets, buildNow, refreshAll, refreshMinutes, setRefreshMinutes, refreshOnOpen: onOpen, toggleRefreshOnOpen };
}
