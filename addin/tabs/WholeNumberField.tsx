import { useEffect, useState } from 'react';
import { Field, Input } from '@fluentui/react-components';

type Props = { label: string; value: number; min: number; max: number; onChange: (value: number) => void; hint?: string; className?: string };

/**
 * A whole number typed by the user. What is typed stays as typed while it is being typed (clearing the field and
 * typing 6 gives 6, not 16 or 61); it counts once it is a whole number within range, and the field shows the number
 * in force when it loses focus.
 */
export function WholeNumberField({ label, value, min, max, onChange, hint, className }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const inRange = (t: string) => /^\s*\d+\s*$/.test(t) && Number(t) >= min && Number(t) <= max;
  return (
    <Field label={label} hint={hint} validationMessage={text.trim() !== '' && !inRange(text) ? `${min} to ${max}` : undefined}>
      <Input
        className={className}
        type="number"
        min={min}
        max={max}
        value={text}
        onChange={(_e, d) => {
          setText(d.value);
          if (inRange(d.value)) onChange(Number(d.value));
        }}
        onBlur={() => setText(String(value))}
      />
    </Field>
  );
}
