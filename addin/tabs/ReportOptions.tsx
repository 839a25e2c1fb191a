import { Checkbox, Dropdown, Field, Input, Option, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import type { ReportParams } from '../reports/params';
import { WholeNumberField } from './WholeNumberField';
import type { ReportKind } from '../sheets/report-sheets';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  narrow: { width: '6rem' },
  // A task pane is about 350 px wide: the choices wrap rather than run off the edge.
  choices: { flexWrap: 'wrap' },
});

type Props = { params: ReportParams; set: <K extends keyof ReportParams>(key: K, value: ReportParams[K]) => void };

/** The report to build and its options: ageing periods and basis, or a summary's dates; the currency. */
export function ReportOptions({ params, set }: Props) {
  const styles = useStyles();
  const ageing = params.kind !== 'account-summary';
  return (
    <>
      <RadioGroup
        className={styles.choices}
        layout="horizontal"
        value={params.kind}
        onChange={(_e, d) => set('kind', d.value as ReportKind)}
        aria-label="Report"
      >
        <Radio value="aged-receivables" label="Aged receivables" />
        <Radio value="aged-payables" label="Aged payables" />
        <Radio value="account-summary" label="Account summary" />
      </RadioGroup>
      {ageing ? (
        <AgeingFields params={params} set={set} />
      ) : (
        <div className={styles.row}>
          <Field label="Of">
            <Dropdown
              className={styles.narrow}
              value={params.summarySide === 'receivables' ? 'Customers' : 'Suppliers'}
              selectedOptions={[params.summarySide]}
              onOptionSelect={(_e, d) => set('summarySide', d.optionValue as ReportParams['summarySide'])}
            >
              <Option value="receivables">Customers</Option>
              <Option value="payables">Suppliers</Option>
            </Dropdown>
          </Field>
          <DateField label="From" value={params.from} onChange={(v) => set('from', v)} />
          <DateField label="To" value={params.to} onChange={(v) => set('to', v)} />
        </div>
      )}
      <Checkbox
        label="In each document's currency"
        checked={params.currency === 'document'}
        onChange={(_e, d) => set('currency', d.checked ? 'document' : 'base')}
      />
    </>
  );
}

/** An ageing report's as-at date, basis, periods and what it shows. */
function AgeingFields({ params, set }: Props) {
  const styles = useStyles();
  return (
    <>
      <div className={styles.row}>
        <DateField label="As at" value={params.asAt} onChange={(v) => set('asAt', v)} />
        <Field label="Age by">
          <Dropdown
            value={params.basis === 'due' ? 'Due date' : 'Invoice date'}
            selectedOptions={[params.basis]}
            onOptionSelect={(_e, d) => set('basis', d.optionValue as 'due' | 'invoice')}
          >
            <Option value="due">Due date</Option>
            <Option value="invoice">Invoice date</Option>
          </Dropdown>
        </Field>
      </div>
      <div className={styles.row}>
        <WholeNumberField label="Periods" className={styles.narrow} min={1} max={24} value={params.periods} onChange={(n) => set('periods', n)} />
        <WholeNumberField label="Each" className={styles.narrow} min={1} max={366} value={params.length} onChange={(n) => set('length', n)} />
        <Field label="Unit">
          <Dropdown
            className={styles.narrow}
            value={params.unit}
            selectedOptions={[params.unit]}
            onOptionSelect={(_e, d) => set('unit', d.optionValue as ReportParams['unit'])}
          >
            <Option value="day">day</Option>
            <Option value="week">week</Option>
            <Option value="month">month</Option>
          </Dropdown>
        </Field>
      </div>
      <div className={styles.row}>
        <Checkbox label="Invoice lines" checked={params.detail === 'invoices'} onChange={(_e, d) => set('detail', d.checked ? 'invoices' : 'summary')} />
        <Checkbox label="Date ranges as titles" checked={params.titles === 'range'} onChange={(_e, d) => set('titles', d.checked ? 'range' : 'period')} />
        <Checkbox label="Unapplied credits" checked={params.includeUnappliedCredits} onChange={(_e, d) => set('includeUnappliedCredits', d.checked === true)} />
      </div>
    </>
  );
}

/** A date as yyyy-mm-dd, from the browser's date picker. */
function DateField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={label}>
      <Input type="date" value={value} onChange={(_e, d) => onChange(d.value)} />
    </Field>
  );
}
