import { addCents, cents, centsFromDecimal, convertAtRate, formatCents, negateCents } from '../../core/money';

describe('centsFromDecimal: Xero decimals become whole cents exactly', () => {
  it.each([
    [12.34, 1234],
    [0.1, 10],
    [1.01, 101],
    [1.005, 101], // a float that is 1.00499… in binary still rounds as the decimal the user typed
    [2.675, 268],
    [-2.675, -268],
    [1e-7, 0],
    [0.005, 1],
    [123456789.99, 12345678999],
    [0, 0],
    [-0, 0],
    ['0400.50', 40050],
    ['-15.5', -1550],
  ])('%p → %p cents', (input, expected) => {
    expect(centsFromDecimal(input)).toBe(expected);
  });

  it('refuses text that is not a decimal, and infinities', () => {
    expect(() => centsFromDecimal('12,50')).toThrow(/not a decimal/);
    expect(() => centsFromDecimal(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

describe('formatCents', () => {
  it('writes two decimals with the sign in front', () => {
    expect(formatCents(cents(-5))).toBe('-0.05');
    expect(formatCents(cents(123456))).toBe('1234.56');
    expect(formatCents(cents(0))).toBe('0.00');
  });

  it('round-trips through centsFromDecimal for every cent of a range', () => {
    for (let v = -20_000; v <= 20_000; v += 7) {
      expect(centsFromDecimal(formatCents(cents(v)))).toBe(v);
      expect(centsFromDecimal(Number(formatCents(cents(v))))).toBe(v);
    }
  });
});

describe('arithmetic stays in whole cents', () => {
  it('adds and negates', () => {
    expect(addCents(cents(10), cents(20), cents(-5))).toBe(25);
    expect(Object.is(negateCents(cents(0)), 0)).toBe(true);
  });

  it('refuses amounts that are not whole cents', () => {
    expect(() => cents(1.5)).toThrow(/whole number of cents/);
  });
});

describe('convertAtRate: document currency ÷ CurrencyRate, half away from zero', () => {
  it('divides exactly before rounding', () => {
    // 100.00 USD at 0.65 USD per AUD = 153.846… AUD
    expect(convertAtRate(cents(10000), 0.65)).toBe(15385);
    // 1.00 at 0.8 = 1.25 exactly; 0.01 at 0.4 = 0.025 → 0.03 (half away from zero)
    expect(convertAtRate(cents(100), 0.8)).toBe(125);
    expect(convertAtRate(cents(1), 0.4)).toBe(3);
    expect(convertAtRate(cents(-1), 0.4)).toBe(-3);
  });

  it('leaves base-currency amounts as they are and refuses a zero rate', () => {
    expect(convertAtRate(cents(12345), 1)).toBe(12345);
    expect(() => convertAtRate(cents(1), 0)).toThrow(/currency rate/);
  });
});

describe('convertAtRate agrees with exact decimal division everywhere', () => {
  it('matches a BigInt reference on many amounts and rates, ties included', () => {
    const reference = (amount: number, rate: string) => {
      const [w, f = ''] = rate.split('.');
      const num = BigInt(Math.abs(amount)) * 10n ** BigInt(f.length);
      const den = BigInt(`${w}${f}`);
      const q = num / den;
      const r = num % den;
      const v = Number(r * 2n >= den ? q + 1n : q);
      return amount < 0 && v !== 0 ? -v : v;
    };
    const rates = ['0.65', '0.4', '0.8', '1.0934', '0.6512', '0.125', '2.5', '0.0001', '123.456789'];
    for (const rate of rates) {
      for (let amount = -5000; amount <= 5000; amount += 1) {
        expect(convertAtRate(cents(amount), Number(rate))).toBe(reference(amount, rate));
      }
    }
  });
});
