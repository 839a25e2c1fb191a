import { useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { WEEKDAYS } from '../../core/contract';
import type { ReportParams } from '../reports/params';
import { defaultForm, WHEN_LABELS } from './request';
import type { ScheduleForm } from './request';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  narrow: { minWidth: '7rem', width: '7rem' },
});

const EVERY = { day: 'Every day', week: 'Every week', month: 'Every month', change: 'When receivables change' } as const;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const DAYS = [...Array.from({ length: 28 }, (_, i) => String(i + 1)), 'last'];

type FieldsProps = { form: ScheduleForm; set: <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) => void };

/** When it runs: every day, week (on a weekday) or month (on a day, or the last), at a time. */
function RecurrenceFields({ form, set }: FieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field label="Repeat">
        <Dropdown
          className={styles.narrow}
          value={EVERY[form.every]}
          selectedOptions={[form.every]}
          onOptionSelect={(_e, d) => set('every', d.optionValue as ScheduleForm['every'])}
        >
          {Object.entries(EVERY).map(([value, label]) => (
            <Option key={value} value={value}>
              {label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {form.every === 'week' && (
        <Field label="On">
          <Dropdown
            className={styles.narrow}
            value={capital(form.weekday)}
            selectedOptions={[form.weekday]}
            onOptionSelect={(_e, d) => set('weekday', d.optionValue as ScheduleForm['weekday'])}
          >
            {WEEKDAYS.map((w) => (
              <Option key={w} value={w}>
                {capital(w)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {form.every === 'month' && (
        <Field label="On day">
          <Dropdown
            className={styles.narrow}
            value={form.day === 'last' ? 'Last' : form.day}
            selectedOptions={[form.day]}
            onOptionSelect={(_e, d) => set('day', d.optionValue ?? '1')}
          >
            {DAYS.map((d) => (
              <Option key={d} value={d}>
                {d === 'last' ? 'Last' : d}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {form.every === 'change' ? (
        <Text size={200}>At most hourly, when Xero tells the proxy (its webhooks) that invoices or credit notes changed.</Text>
      ) : (
        <Field label="At">
          <Input type="time" value={form.at} onChange={(_e, d) => set('at', d.value)} />
        </Field>
      )}
    </div>
  );
}

type Props = {
  params: ReportParams;
  open: boolean;
  busy: boolean;
  /** Why the proxy refused the last try, in its words. */
  error: string | null;
  onClose: () => void;
  onSchedule: (form: ScheduleForm) => void;
};

/** "Schedule this report…": the tab's current report, when it runs, its report date, and who gets it. */
export function ScheduleDialog({ params, open, busy, error, onClose, onSchedule }: Props) {
  const styles = useStyles();
  const [form, setForm] = useState<ScheduleForm>(() => defaultForm(params));
  const set = <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const dateLabel = params.kind === 'account-summary' ? 'Up to' : 'As at';
  return (
    <Dialog open={open} onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Schedule this report">
        <DialogBody>
          <DialogTitle>Schedule this report</DialogTitle>
          <DialogContent className={styles.column}>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            <Field label="Name">
              <Input value={form.name} onChange={(_e, d) => set('name', d.value)} />
            </Field>
            {params.kind === 'account-summary' && (
              <RadioGroup value={form.what} onChange={(_e, d) => set('what', d.value as ScheduleForm['what'])} aria-label="Send">
                <Radio value="report" label="The account summary, to the addresses below" />
                <Radio value="statements" label="Each customer its statement (the addresses below get them all)" />
              </RadioGroup>
            )}
            <RecurrenceFields form={form} set={set} />
            <Field label={dateLabel} hint="In the organisation's timezone, on the day the report runs">
              <Dropdown
                value={WHEN_LABELS[form.when]}
                selectedOptions={[form.when]}
                onOptionSelect={(_e, d) => set('when', d.optionValue as ScheduleForm['when'])}
              >
                {Object.entries(WHEN_LABELS).map(([value, label]) => (
                  <Option key={value} value={value}>
                    {value === 'tab' ? `${label} (${params.kind === 'account-summary' ? params.to : params.asAt})` : label}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label="Email to" hint="Addresses separated by commas">
              <Input value={form.to} placeholder="cfo@example.com" onChange={(_e, d) => set('to', d.value)} />
            </Field>
            <div className={styles.row}>
              <Checkbox label="PDF" checked={form.pdf} onChange={(_e, d) => set('pdf', d.checked === true)} />
              <Checkbox
                label="CSV"
                disabled={form.what === 'statements'}
                checked={form.csv && form.what !== 'statements'}
                onChange={(_e, d) => set('csv', d.checked === true)}
              />
            </div>
          </DialogContent>
          <DialogActions>
            {/* Focusable while the proxy answers, so focus (and the modal dialog's place for assistive tech) stays in the dialog. */}
            <Button appearance="primary" disabledFocusable={busy} onClick={() => onSchedule(form)}>
              Schedule
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
