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

  const act = async (title: string, work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await work();
      await reload();
      return true;
    } catch (err) {
      onError(title, err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    schedules,
    busy,
    create: (body: RouteInput<'createSchedule'>['body']) => act('Could not schedule the report', () => api.call('createSchedule', { tenantId, body })),
    setPaused: (scheduleId: string, paused: boolean) =>
      act(paused ? 'Could not pause the schedule' : 'Could not resume the schedule', () =>
        api.call('pauseSchedule', { tenantId, scheduleId, body: { paused } }),
      ),
    runNow: (scheduleId: string) => act('Could not run the schedule', () => api.call('runSchedule', { tenantId, scheduleId })),
    remove: (scheduleId: string) => act('Could not delete the schedule', () => api.call('deleteSchedule', { tenantId, scheduleId })),
  };
}
