import crypto from 'node:crypto';
import type { Schedule, ScheduleRequest, ScheduleRun } from '../../core/contract/schedules';
import type { SqlStore } from '../storage/sql';

type ScheduleRow = {
  id: string;
  tenant_id: string;
  connection_id: string | null;
  definition: string;
  timezone: string;
  paused: unknown;
  created_by: string;
  created_at: string;
  handled_until: unknown;
};
type RunRow = {
  id: string;
  schedule_id: string;
  occurrence: unknown;
  started_at: unknown;
  lease_until: unknown;
  finished_at: unknown;
  status: string;
  dates: string | null;
  recipients: string;
  message: string | null;
  attempts: unknown;
};

/** A schedule as stored: its request, whose it is, and how far its occurrences have been handled (ms). */
export type StoredSchedule = Omit<Schedule, 'nextRunAt' | 'lastRun'> & { connectionId: string | null; handledUntil: number };
/** building: nothing sent yet; sending: handed to the mail server (never sent again). */
export type RunState = 'building' | 'sending' | 'sent' | 'failed' | 'interrupted';

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

function scheduleOf(r: ScheduleRow): StoredSchedule {
  const definition = JSON.parse(r.definition) as ScheduleRequest;
  return {
    ...definition,
    id: r.id,
    tenantId: r.tenant_id,
    connectionId: r.connection_id,
    timezone: r.timezone,
    paused: Number(r.paused) === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    handledUntil: Number(r.handled_until),
  };
}

function runOf(r: RunRow, files: ScheduleRun['files']): ScheduleRun & { state: RunState; leaseUntil: number } {
  const state = r.status as RunState;
  return {
    id: r.id,
    scheduleId: r.schedule_id,
    occurrence: iso(r.occurrence),
    startedAt: iso(r.started_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    status: state === 'building' || state === 'sending' ? 'running' : state,
    state,
    leaseUntil: Number(r.lease_until),
    dates: r.dates ? (JSON.parse(r.dates) as Record<string, string>) : {},
    recipients: JSON.parse(r.recipients) as string[],
    message: r.message,
    attempts: Number(r.attempts),
    files,
  };
}

/** Scheduled reports and their runs, in the store every proxy shares. */
export class ScheduleStore {
  constructor(private readonly store: SqlStore) {}

  async create(tenantId: string, connectionId: string | null, request: ScheduleRequest, who: string, timezone: string, now: number): Promise<StoredSchedule> {
    const id = crypto.randomUUID();
    await this.store.run(
      `INSERT INTO report_schedules (id, tenant_id, connection_id, definition, timezone, paused, created_by, created_at, handled_until)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      [id, tenantId, connectionId, JSON.stringify(request), timezone, who, new Date(now).toISOString(), now],
    );
    return (await this.get(tenantId, id)) as StoredSchedule;
  }

  async get(tenantId: string, id: string): Promise<StoredSchedule | null> {
    const row = await this.store.get<ScheduleRow>('SELECT * FROM report_schedules WHERE id = ? AND tenant_id = ?', [id, tenantId]);
    return row ? scheduleOf(row) : null;
  }

  async byId(id: string): Promise<StoredSchedule | null> {
    const row = await this.store.get<ScheduleRow>('SELECT * FROM report_schedules WHERE id = ?', [id]);
    return row ? scheduleOf(row) : null;
  }

  async list(tenantId?: string): Promise<StoredSchedule[]> {
    const rows = tenantId
      ? await this.store.all<ScheduleRow>('SELECT * FROM report_schedules WHERE tenant_id = ? ORDER BY created_at, id', [tenantId])
      : await this.store.all<ScheduleRow>('SELECT * FROM report_schedules ORDER BY created_at, id');
    return rows.map(scheduleOf);
  }

  /** Pausing keeps the schedule; resuming runs it from the next occurrence on (none missed meanwhile is run). */
  async setPaused(tenantId: string, id: string, paused: boolean, now: number): Promise<boolean> {
    const sql = paused
      ? 'UPDATE report_schedules SET paused = 1 WHERE id = ? AND tenant_id = ?'
      : 'UPDATE report_schedules SET paused = 0, handled_until = ? WHERE id = ? AND tenant_id = ?';
    return (await this.store.run(sql, paused ? [id, tenantId] : [now, id, tenantId])).changes > 0;
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    return (await this.store.run('DELETE FROM report_schedules WHERE id = ? AND tenant_id = ?', [id, tenantId])).changes > 0;
  }

  /** Marks occurrences up to `until` handled (never moving back). */
  async handled(id: string, until: number): Promise<void> {
    await this.store.run('UPDATE report_schedules SET handled_until = ? WHERE id = ? AND handled_until < ?', [until, id, until]);
  }

  /** Claims the run of one occurrence: a new run, or null when one exists (another proxy's, or an earlier attempt). */
  async claimRun(scheduleId: string, occurrence: number, recipients: string[], now: number, leaseMs: number): Promise<string | null> {
    const id = crypto.randomUUID();
    const row = await this.store.get<{ id: string }>(
      `INSERT INTO schedule_runs (id, schedule_id, occurrence, started_at, lease_until, status, recipients, attempts)
       VALUES (?, ?, ?, ?, ?, 'building', ?, 0) ON CONFLICT (schedule_id, occurrence) DO NOTHING RETURNING id`,
      [id, scheduleId, occurrence, now, now + leaseMs, JSON.stringify(recipients)],
    );
    return row?.id ?? null;
  }

  /** Takes over a run whose proxy stopped while building it (nothing was sent): true when this caller now holds it. */
  async retakeRun(runId: string, now: number, leaseMs: number): Promise<boolean> {
    const r = await this.store.run("UPDATE schedule_runs SET lease_until = ?, started_at = ? WHERE id = ? AND status = 'building' AND lease_until <= ?", [
      now + leaseMs,
      now,
      runId,
      now,
    ]);
    return r.changes > 0;
  }

  async updateRun(
    runId: string,
    change: { state: RunState; now: number; dates?: Record<string, string>; message?: string | null; attempts?: number },
  ): Promise<void> {
    const finished = change.state === 'sent' || change.state === 'failed' || change.state === 'interrupted';
    await this.store.run(
      `UPDATE schedule_runs SET status = ?, finished_at = ?, dates = COALESCE(?, dates), message = COALESCE(?, message), attempts = COALESCE(?, attempts)
       WHERE id = ?`,
      [change.state, finished ? change.now : null, change.dates ? JSON.stringify(change.dates) : null, change.message ?? null, change.attempts ?? null, runId],
    );
  }

  /** Runs left unfinished whose lease ran out: their proxy stopped. */
  async stalledRuns(now: number): Promise<Array<{ id: string; scheduleId: string; occurrence: number; state: RunState }>> {
    const rows = await this.store.all<RunRow>("SELECT * FROM schedule_runs WHERE status IN ('building', 'sending') AND lease_until <= ?", [now]);
    return rows.map((r) => ({ id: r.id, scheduleId: r.schedule_id, occurrence: Number(r.occurrence), state: r.status as RunState }));
  }

  async keepFile(runId: string, file: { format: 'pdf' | 'csv'; name: string; content: Buffer }, keptUntil: number): Promise<void> {
    await this.store.run('INSERT INTO schedule_run_files (run_id, format, name, content, kept_until) VALUES (?, ?, ?, ?, ?)', [
      runId,
      file.format,
      file.name,
      file.content.toString('base64'),
      keptUntil,
    ]);
  }

  /** A run's kept file, if the run is one of this organisation's schedules'. */
  async fileOf(tenantId: string, runId: string, format: string): Promise<{ name: string; content: Buffer } | null> {
    const row = await this.store.get<{ name: string; content: string }>(
      `SELECT f.name, f.content FROM schedule_run_files f JOIN schedule_runs r ON r.id = f.run_id JOIN report_schedules s ON s.id = r.schedule_id
       WHERE f.run_id = ? AND f.format = ? AND s.tenant_id = ?`,
      [runId, format, tenantId],
    );
    return row ? { name: row.name, content: Buffer.from(row.content, 'base64') } : null;
  }

  /** Deletes files kept past their days. */
  async dropOldFiles(now: number): Promise<void> {
    await this.store.run('DELETE FROM schedule_run_files WHERE kept_until < ?', [now]);
  }

  async runs(scheduleId: string, limit = 50): Promise<ScheduleRun[]> {
    const rows = await this.store.all<RunRow>('SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY occurrence DESC, started_at DESC LIMIT ?', [
      scheduleId,
      limit,
    ]);
    const out: ScheduleRun[] = [];
    for (const r of rows) {
      const files = await this.store.all<{ format: 'pdf' | 'csv'; name: string; content: string }>(
        'SELECT format, name, content FROM schedule_run_files WHERE run_id = ? ORDER BY format',
        [r.id],
      );
      const {
        state: _state,
        leaseUntil: _lease,
        ...run
      } = runOf(
        r,
        files.map((f) => ({ format: f.format, name: f.name, bytes: Buffer.byteLength(f.content, 'base64') })),
      );
      out.push(run);
    }
    return out;
  }
}
