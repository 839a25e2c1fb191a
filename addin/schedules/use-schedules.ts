import { useCallback, useEffect, useState } from 'react';
import type { RouteInput, Schedule } from '../../core/contract';
import type { ApiClient } from '../api/client';

/** An organisation's scheduled reports, and what the list's buttons do to them (each followed by a fresh list). */
export function useSchedules(api: ApiClient, tenantId: string, onError: (title: string, err: unknown) => void) {
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    setSchedules((await api.call('schedules', { tenantId })).schedules);
  }, [api, tenantId]);

  useEffect(() => {
    reload().catch((err: unknown) => onError('Could not list the scheduled reports', err));
  }, [reload, onError]);

  /** Does `work`, then lists again; a failure goes to `failed` (by default the pane's error bar). */
  const act = async (title: string, work: () => Promise<unknown>, failed: (err: unknown) => void = (err) => onError(title, err)): Promise<boolean> => {
    setBusy(true);
    try {
      await work();
      await reload();
      return true;
    } catch (err) {
      failed(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    schedules,
    busy,
    /** Refused, the proxy's words go to `failed` (the dialog shows them: the pane's error bar is behind it). */
    create: (body: RouteInput<'createSchedule'>['body'], failed: (message: string) => void) =>
      act(
        'Could not schedule the report',
        () => api.call('createSchedule', { tenantId, body }),
        (err) => failed(err instanceof Error ? err.message : String(err)),
      ),
    setPaused: (scheduleId: string, paused: boolean) =>
      act(paused ? 'Could not pause the schedule' : 'Could not resume the schedule', () =>
        api.call('pauseSchedule', { tenantId, scheduleId, body: { paused } }),
      ),
    runNow: (scheduleId: string) => act('Could not run the schedule', () => api.call('runSchedule', { tenantId, scheduleId })),
    remove: (scheduleId: string) => act('Could not delete the schedule', () => api.call('deleteSchedule', { tenantId, scheduleId })),
  };
}
