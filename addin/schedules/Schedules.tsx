import { useState } from 'react';
import { Button } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import type { ReportParams } from '../reports/params';
import { saveFile } from '../reports/save-file';
import { scheduleRequest } from './request';
import { ScheduleDialog } from './ScheduleDialog';
import { ScheduleList } from './ScheduleList';
import { useSchedules } from './use-schedules';

type Props = { api: ApiClient; tenantId: string; params: ReportParams; onError: (title: string, err: unknown) => void };

/** The Reports tab's scheduled reports: "Schedule this report…" with the tab's settings, and the list of schedules. */
export function Schedules({ api, tenantId, params, onError }: Props) {
  const schedules = useSchedules(api, tenantId, onError);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>Schedule this report…</Button>
      {open && (
        <ScheduleDialog
          params={params}
          open={open}
          busy={schedules.busy}
          error={error}
          onClose={close}
          onSchedule={(form) => {
            setError(null);
            void schedules.create(scheduleRequest(params, form), setError).then((made) => made && close());
          }}
        />
      )}
      <ScheduleList
        schedules={schedules.schedules}
        busy={schedules.busy}
        onDownload={(runId, format) =>
          void api
            .download('scheduleRunFile', { tenantId, runId, query: { format } })
            .then((file) => saveFile(file.blob, file.filename))
            .catch((err: unknown) => onError(`Could not download the ${format.toUpperCase()}`, err))
        }
        onPause={(id, paused) => void schedules.setPaused(id, paused)}
        onRun={(id) => void schedules.runNow(id)}
        onDelete={(id) => void schedules.remove(id)}
      />
    </>
  );
}
