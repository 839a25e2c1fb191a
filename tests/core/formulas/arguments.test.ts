import { FormulaFault, dateArg, textArg, wholeArg } from '../../../core/formulas/arguments';
import { isoDate } from '../../../core/dates';

const today = isoDate('2026-11-28');
const fault = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof FormulaFault ? [e.error, e.message] : ['thrown', String(e)];
  }
  return null;
};

describe('the XERO functions’ arguments', () => {
  it('read a date cell’s serial number, yyyy-mm-dd text and dates relative to the organisation’s today', () => {
    expect(dateArg(46326, 'asAt', today)).toBe('2026-10-31');
    expect(dateArg(61, 'asAt', today)).toBe('1900-03-01');
    expect(dateArg('2024-02-29', 'asAt', today)).toBe('2024-02-29');
    expect(dateArg(' End-of-last-month ', 'asAt', today)).toBe('2026-10-31');
    expect(dateArg('end-of-last-quarter', 'asAt', today)).toBe('2026-09-30');
    expect(dateArg(null, 'asAt', today)).toBe(today);
    expect(dateArg('', 'asAt', today)).toBe(today);
  });

  it('refuse what is not a date with #VALUE! and the forms a date can take', () => {
    for (const bad of ['2026-02-30', '31/10/2026', 46326.5, 60, true, 'next week']) {
      expect(fault(() => dateArg(bad, 'asAt', today))).toEqual(['invalidValue', expect.stringContaining('asAt must be a date (a date cell, yyyy-mm-dd')]);
    }
  });

  it('take a code typed as a number as its digits, and refuse TRUE or nothing', () => {
    expect(textArg(200, 'code')).toBe('200');
    expect(fault(() => textArg(true, 'code'))).toEqual(['invalidValue', 'code must be text, not TRUE']);
    expect(fault(() => textArg('  ', 'code'))).toEqual(['invalidValue', 'code is missing']);
    expect(wholeArg('4', 'periods', 1, 24, 3)).toBe(4);
    expect(fault(() => wholeArg(25, 'periods', 1, 24, 3))).toEqual(['invalidValue', 'periods must be a whole number from 1 to 24, not "25"']);
  });
});
