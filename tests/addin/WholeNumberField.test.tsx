/**
 * @jest-environment ./tests/addin/pane-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { WholeNumberField } from '../../addin/tabs/WholeNumberField';

function Periods({ seen }: { seen: number[] }) {
  const [value, setValue] = useState(3);
  return (
    <FluentProvider theme={webLightTheme}>
      <WholeNumberField
        label="Periods"
        min={1}
        max={12}
        value={value}
        onChange={(n) => {
          seen.push(n);
          setValue(n);
        }}
      />
      <output>in force: {value}</output>
    </FluentProvider>
  );
}

/** Issue 12: typing in Periods or Each appended to what was there (6 became 12, 30 became 130). */
describe('a whole-number field', () => {
  it('takes what is typed after clearing it, instead of appending or clamping', () => {
    const seen: number[] = [];
    render(<Periods seen={seen} />);
    const input = screen.getByLabelText('Periods') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '' } });
    expect(input.value).toBe('');
    expect(screen.getByText('in force: 3')).toBeTruthy();
    fireEvent.change(input, { target: { value: '6' } });
    expect(input.value).toBe('6');
    expect(screen.getByText('in force: 6')).toBeTruthy();
    expect(seen).toEqual([6]);
  });

  it('does not take a number out of range, says the range, and shows the number in force when left', () => {
    const seen: number[] = [];
    render(<Periods seen={seen} />);
    const input = screen.getByLabelText('Periods') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '16' } });
    expect(input.value).toBe('16');
    expect(screen.getByText('1 to 12')).toBeTruthy();
    expect(screen.getByText('in force: 3')).toBeTruthy();
    fireEvent.blur(input);
    expect(input.value).toBe('3');
    expect(seen).toEqual([]);
  });
});
