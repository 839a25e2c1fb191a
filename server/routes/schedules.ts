import type { Schedule } from '../../core/contract';
import { badRequest, notFound } from '../errors';
import type { RouteHandlers } from '../http/route-table';
import { reportLocale } from '../reports/locale';
import { checkRecurrence, nextOccurrence } from '../schedules/recurrence';
import type { Scheduler } from '../schedules/runner';
import { refusal } from '../schedules/webhook-delivery';
import type { DeliveryWebhook } from '../schedules/webhook-delivery';
import type { ScheduleStore, StoredSchedule } from '../schedules/store';
import type { Clock } from '../xero/limiter';

/** `folder`: SCHEDULE_FOLDER, where schedules may save their files (null: they may not). */
export type ScheduleDeps = { schedules: ScheduleStore; scheduler: Scheduler; clock: Clock; folder?: string | null; webhook?: DeliveryWebhook | null };

/** A schedule as the pane sees it: when it next runs, and how its last run went. */
async function answerOf(deps: ScheduleDeps, s: StoredSchedule): Promise<Schedule> {
  const { connectionId: _connection, handledUntil, ...shown } = s;
  const next = s.paused ? null : nextOccurrence(s.recurrence, s.timezone, Math.max(handledUntil, deps.clock.now()));
  return { ...shown, nextRunAt: next === null ? null : new Date(next).toISOString(), lastRun: (await deps.schedules.runs(s.id, 1))[0] ?? null };
}

/** Scheduled reports of an organisation: made, listed, paused, run now and deleted from the Reports tab. */
export function scheduleHandlers(deps: ScheduleDeps): RouteHandlers {
  const { schedules, scheduler, clock } = deps;
  const find = async (tenantId: string, id: string) => {
    const s = await schedules.get(tenantId, id);
    if (!s) throw notFound(`No schedule ${id} for this organisation: it may have been deleted; refresh the list`);
    return s;
  };
  return {
    schedules: async ({ params }) => ({ schedules: await Promise.all((await schedules.list(params.tenantId)).map((s) => answerOf(deps, s))) }),
    createSchedule: async ({ params, body }, { source, session }) => {
      const timezone = reportLocale(source.organisation).timeZone;
      checkRecurrence(body.recurrence, timezone);
      const notPosted = body.webhook ? refusal(deps.webhook, body.webhook.url) : null;
      if (notPosted) throw badRequest(`body webhook.url: ${notPosted}`);
      if (body.folder && !deps.folder) {
        throw badRequest('body folder: this proxy saves no reports in folders (its administrator sets SCHEDULE_FOLDER): leave the folder out');
      }
      if (body.report.kind === 'statements' && body.email.formats.includes('csv')) {
        throw badRequest('body email.formats: customer statements are sent as PDF: choose PDF only');
      }
      const s = await schedules.create(params.tenantId, session.connectionId, body, session.userName, timezone, clock.now());
      return answerOf(deps, s);
    },
    pauseSchedule: async ({ params, body }) => {
      await find(params.tenantId, params.scheduleId);
      await schedules.setPaused(params.tenantId, params.scheduleId, body.paused, clock.now());
      return answerOf(deps, await find(params.tenantId, params.scheduleId));
    },
    runSchedule: async ({ params }) => {
      const runId = await scheduler.runNow(await find(params.tenantId, params.scheduleId));
      const run = (await schedules.runs(params.scheduleId)).find((r) => r.id === runId);
      if (!run) throw notFound('The run was asked for twice at the same moment: see the schedule’s runs');
      return run;
    },
    deleteSchedule: async ({ params }) => {
      await find(params.tenantId, params.scheduleId);
      await schedules.remove(params.tenantId, params.scheduleId);
    },
    scheduleRuns: async ({ params }) => {
      await find(params.tenantId, params.scheduleId);
      return { runs: await schedules.runs(params.scheduleId) };
    },
    scheduleRunFile: async ({ params, query }) => {
      const file = await schedules.fileOf(params.tenantId, params.runId, query.format);
      if (!file) throw notFound(`No ${query.format.toUpperCase()} is kept for this run (files are kept for a number of days, then deleted)`);
      return { file: { type: query.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8', name: file.name, body: file.content } };
    },
  };
}
