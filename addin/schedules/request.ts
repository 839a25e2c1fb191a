import type { RouteInput } from '../../core/contract';
import type { WEEKDAYS } from '../../core/contract';
import type { ReportParams } from '../reports/params';

/** The dialog's choices, in the words of the form. */
export type ScheduleForm = {
  name: string;
  /** change: when Xero's webhooks bring changed invoices or credit notes (at most hourly). */
  every: 'day' | 'week' | 'month' | 'change';
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
  /** With the account summary: mail the summary, or each customer its own statement (and the recipients all of them). */
  what: 'report' | 'statements';
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
    what: 'report',
  };
}

/** The schedule request for the tab's current settings and the dialog's choices. */
export function scheduleRequest(params: ReportParams, form: ScheduleForm): RouteInput<'createSchedule'>['body'] {
  // The tab's settings, with the report date as chosen (a summary keeps the tab's start).
  const { basis, periods, length, unit, titles, includeUnappliedCredits, currency, detail } = params;
  const side = params.kind === 'aged-payables' ? ('payables' as const) : ('receivables' as const);
  const date = (tabDate: string) => (form.when === 'tab' ? tabDate : form.when);
  // A statements period runs from the start of the period the closing date ends.
  const START: Partial<Record<ScheduleForm['when'], 'start-of-last-month' | 'start-of-last-quarter' | 'start-of-last-year'>> = {
    'end-of-last-month': 'start-of-last-month',
    'end-of-last-quarter': 'start-of-last-quarter',
    'end-of-last-year': 'start-of-last-year',
  };
  if (params.kind === 'account-summary' && form.what === 'statements') {
    const report = { kind: 'statements' as const, query: { from: START[form.when] ?? params.from, to: date(params.to) } };
    return { name: form.name, report, recurrence: recurrenceOf(form), email: { to: addresses(form.to), formats: ['pdf'] } };
  }
  const report =
    params.kind === 'account-summary'
      ? { kind: 'summary' as const, query: { side: params.summarySide, currency: params.currency, from: params.from, to: date(params.to) } }
      : {
          kind: 'ageing' as const,
          query: { side, basis, periods, length, unit, titles, includeUnappliedCredits, currency, detail, asAt: date(params.asAt) },
        };
  const formats = [...(form.pdf ? ['pdf' as const] : []), ...(form.csv ? ['csv' as const] : [])];
  return { name: form.name, report, recurrence: recurrenceOf(form), email: { to: addresses(form.to), formats } };
}

const addresses = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

function recurrenceOf(form: ScheduleForm) {
  if (form.every === 'change') return { every: 'change' as const, minutes: 60 };
  if (form.every === 'day') return { every: 'day' as const, at: form.at };
  if (form.every === 'week') return { every: 'week' as const, weekday: form.weekday, at: form.at };
  return { every: 'month' as const, day: form.day === 'last' ? ('last' as const) : Number(form.day), at: form.at };
}
