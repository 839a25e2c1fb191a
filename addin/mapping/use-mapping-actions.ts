import { useEffect, useRef, useState } from 'react';
import type { Organisation } from '../../core/domain';
import type { MappingKind } from '../../core/mapping/rows';
import type { ApiClient } from '../api/client';
import { mappingWorkbook } from '../excel/mapping';
import { mappingSheets } from '../sheets/mapping-sheets';
import { Cancelled } from './in-parts';
import type { Progress } from './in-parts';
import { sheetActions } from './sheet-actions';
import type { RemovalOffer, SheetAction } from './sheet-io';

type Options = { api: ApiClient; organisation: Organisation; kind: MappingKind; inExcel: boolean; onError: (title: string, err: unknown) => void };

/** Rows done of the total, while an action works through a sheet in parts. */
export type RowsDone = { done: number; total: number };

/**
 * The mapping tab's state for the sheet of one kind: which action runs and how far it is, the last summary,
 * the preview's plan version; and, once the sheet is filled, the checks run again a moment after the user edits it.
 */
export function useMappingActions({ api, organisation, kind, inExcel, onError }: Options) {
  const [busy, setBusy] = useState<string | null>(null);
  const [rowsDone, setRowsDone] = useState<RowsDone | null>(null);
  const cancelled = useRef(false);
  const [removal, setRemoval] = useState<RemovalOffer | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [planVersion, setPlanVersion] = useState<number | null>(null);
  const [watching, setWatching] = useState(0);
  const version = useRef<number | null>(null);
  version.current = planVersion;

  const actions = sheetActions({
    api,
    organisation,
    kind,
    planVersion: () => version.current,
    previewed: setPlanVersion,
    filled: () => setWatching((n) => n + 1),
    offerRemoval: setRemoval,
  });

  const run = async <A extends unknown[]>(action: SheetAction<A>, ...args: A) => {
    setBusy(action.label);
    setRowsDone(null);
    // A question left by the last fill goes with the next action: not answering it keeps the rows.
    setRemoval(null);
    cancelled.current = false;
    // The last action's summary goes, so that it never stands beside this one's error.
    setSummary(null);
    const progress: Progress = {
      step: (done, total) => setRowsDone({ done, total }),
      get cancelled() {
        return cancelled.current;
      },
    };
    try {
      setSummary(await action.work(progress, ...args));
    } catch (err) {
      if (err instanceof Cancelled) setSummary(`${action.label}: cancelled before anything was written to the sheet.`);
      else onError(`Could not ${action.label.toLowerCase()}`, err);
    } finally {
      setBusy(null);
      setRowsDone(null);
    }
  };
  const cancel = () => {
    cancelled.current = true;
  };

  const recheck = useRef<() => void>(() => undefined);
  recheck.current = () => void run(actions.suggest);
  useEffect(() => {
    if (!inExcel || watching === 0) return;
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
  }, [inExcel, kind, watching]);

  return { busy, rowsDone, summary, planVersion, actions, run, cancel, removal, keepRows: () => setRemoval(null) };
}
