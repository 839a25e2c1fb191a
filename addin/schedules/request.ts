import type { RouteInput } from '../../core/contract';
import type { WEEKDAYS } from '../../core/contract';
import type { ReportParams } from '../reports/params';

/** The dialog's choices, in the words of the form. */
export type ScheduleForm = {
  name: string;
  every: 'day' | 'week' | 'month';
  weekday: (typeof WEEKDAYS)[number];
  /** 1–28, or "last". */
  day: string;
  at: string;
  /** The report date: "tab" (the tab's own date), or a relative one. */
  when: 'tab' | 'today' | 'yesterday' | 'end-of-last-month' | 'end-of-last-quarter' | 'end-of-last-year';
  /** Addresses separated by commas, semicolons or spaces. */
  to: string;
  pdf: boolean;
  csv: boolean;
};

export const WHEN_LABELS: Record<ScheduleForm['when'], string> = {
  tab: 'The date on the tab',
  today: 'The day it runs',
  yesterday: 'The day before it runs',
  'end-of-last-month': 'End of last month',
  'end-of-last-quarter': 'End of last quarter',
  'end-of-last-year': 'End of last year',
};

const KIND_NAMES: Record<ReportParams['kind'], string> = {
  'aged-receivables': 'Aged receivables',
  'aged-payables': 'Aged payables',
  'account-summary': 'Account summary',
};

export function defaultForm(params: ReportParams): ScheduleForm {
  return {
    name: `${KIND_NAMES[params.kind]} every Monday`,
    every: 'week',
    weekday: 'monday',
    day: '1',
    at: '07:00',
    when: 'end-of-last-month',
    to: '',
    pdf: true,
    csv: false,
  };
}

/** The schedule request for the tab's current settings and the dialog's choices. */
export function scheduleRequest(params: ReportParams, form: ScheduleForm): RouteInput<'createSchedule'>['body'] {
  // The tab's settings, with the report date as chosen (a summary keeps the tab's start).
  const { basis, periods, length, unit, titles, includeUnappliedCredits, currency, detail } = params;
  const side = params.kind === 'aged-payables' ? ('payables' as const) : ('receivables' as const);
  const date = (tabDate: string) => (form.when === 'tab' ? tabDate : form.when);
  const report =
    params.kind === 'account-summary'
      ? { kind: 'summary' as const, query: { side: params.summarySide, currency: params.currency, from: params.from, to: date(params.to) } }
      : {
          kind: 'ageing' as const,
          query: { side, basis, periods, length, unit, titles, includeUnappliedCredits, currency, detail, asAt: date(params.asAt) },
        };
  const recurrence =
    form.every === 'day'
      ? { every: 'day' as const, at: form.at }
      : form.every === 'week'
        ? { every: 'week' as const, weekday: form.weekday, at: form.at }
        : { every: 'month' as const, day: form.day === 'last' ? ('last' as const) : Number(form.day), at: form.at };
  const formats = [...(form.pdf ? ['pdf' as const] : []), ...(form.csv ? ['csv' as const] : [])];
  const to = form.to.split(/[\s,;]+/).filter(Boolean);
  return { name: form.name, report, recurrence, email: { to, formats } };
}
