import { checkRows } from '../../core/mapping/checks';
import type { MappingKind, MappingRow } from '../../core/mapping/rows';
import { suggestTargets } from '../../core/mapping/suggest';
import { demoLookup } from '../server/helpers';

const lookup = demoLookup;

const codes = async (kind: MappingKind, rows: MappingRow[]) =>
  checkRows(kind, rows, await lookup()).problems.map((p) => `${p.row}:${p.field}:${p.severity}:${p.code}`);

describe('mapping checks name the row, the field and the fix', () => {
  it('passes a good account mapping', async () => {
    expect(await codes('accounts', [{ row: 2, source: 'SALES-WEB', name: 'Web sales', role: 'revenue', target: '0400', status: 'Approved' }])).toEqual([]);
  });

  it.each<[string, MappingRow, string]>([
    ['a blank source code', { row: 3, source: '  ', role: 'revenue', target: '200' }, '3:source:error:blank'],
    ['an Excel error value', { row: 4, source: 'X1', role: 'revenue', target: '#N/A' }, '4:target:error:excel-error'],
    ['a #REF! anywhere', { row: 4, source: '#REF!', role: 'revenue', target: '200' }, '4:source:error:excel-error'],
    ['spaces around a code', { row: 5, source: ' X2 ', role: 'revenue', target: '200' }, '5:source:warning:whitespace'],
    ['a code that lost its leading zero', { row: 6, source: 'X3', role: 'asset', target: 90 }, '6:target:error:lost-leading-zeros'],
    ['a number that may have lost its leading zero', { row: 6, source: 'X3', role: 'expense', target: 400 }, '6:target:warning:lost-leading-zeros'],
    ['an unknown account', { row: 7, source: 'X4', role: 'revenue', target: '999' }, '7:target:error:unknown-account'],
    ['an archived account', { row: 8, source: 'X5', role: 'expense', target: '494' }, '8:target:error:archived-target'],
    ['a class that does not fit the role', { row: 9, source: 'X6', role: 'revenue', target: '400' }, '9:target:error:class-mismatch'],
    ['an unknown role', { row: 10, source: 'X7', role: 'income', target: '200' }, '10:role:error:unknown-role'],
    ['a source code that is a number', { row: 11, source: 42, role: 'revenue', target: '200' }, '11:source:warning:number-code'],
    ['an approved row without a target', { row: 12, source: 'X8', role: 'revenue', status: 'Approved' }, '12:target:error:blank'],
  ])('flags %s', async (_what, row, expected) => {
    expect(await codes('accounts', [row])).toContain(expected);
  });

  it('flags duplicate source codes on the later row', async () => {
    expect(
      await codes('accounts', [
        { row: 2, source: 'A', role: 'revenue', target: '200' },
        { row: 3, source: 'a', role: 'revenue', target: '200' },
      ]),
    ).toEqual(['3:source:error:duplicate']);
  });

  it('checks tax rules: active, the same rate (warning), usable on the accounts they go with', async () => {
    expect(await codes('tax-rules', [{ row: 2, source: 'GST10', rate: 10, target: 'OUTPUT' }])).toEqual([]);
    // A rate read from a CSV file is text: it is read as the number, without a warning on every row.
    expect(await codes('tax-rules', [{ row: 2, source: 'GST15', rate: '15%', target: 'OUTPUT' }])).toEqual(['2:target:warning:rate-differs']);
    expect(await codes('tax-rules', [{ row: 2, source: 'OLD', rate: 10, target: 'TAX002' }])).toContain('2:target:error:archived-target');
    expect(await codes('tax-rules', [{ row: 2, source: 'IMP', rate: 10, target: 'GSTONIMPORTS' }])).toContain('2:target:error:cannot-apply');
    expect(await codes('tax-rules', [{ row: 2, source: 'IMP', rate: 'ten', target: 'OUTPUT' }])).toContain('2:rate:error:not-a-number');
  });

  it('checks payment methods: a bank account or one with payments enabled, else offers to enable payments', async () => {
    expect(await codes('payment-methods', [{ row: 2, source: 'CARD', target: '090' }])).toEqual([]);
    expect(await codes('payment-methods', [{ row: 2, source: 'GIFT', target: '830' }])).toEqual([]);
    expect(await codes('payment-methods', [{ row: 2, source: 'CASH', target: '620' }])).toEqual(['2:target:error:payments-disabled']);
    expect(await codes('payment-methods', [{ row: 2, source: 'CASH', target: '620', action: 'enable-payments' }])).toEqual([]);
  });

  it('checks customers: active contacts, valid defaults, one contact per source customer unless confirmed', async () => {
    const l = await lookup();
    const archived = l.tables.contacts.find((c) => c.status === 'ARCHIVED')!;
    const [a, b] = l.tables.contacts.filter((c) => c.isCustomer && c.status === 'ACTIVE');
    expect(await codes('customers', [{ row: 2, source: 'C1', target: a!.name, salesAccount: '200', taxType: 'OUTPUT' }])).toEqual([]);
    expect(await codes('customers', [{ row: 2, source: 'C1', target: archived.name }])).toContain('2:target:error:archived-target');
    expect(await codes('customers', [{ row: 2, source: 'C1', target: b!.name, salesAccount: '400' }])).toContain('2:salesAccount:error:class-mismatch');
    const shared = [
      { row: 2, source: 'C1', target: a!.name },
      { row: 3, source: 'C2', target: a!.name },
    ];
    expect(await codes('customers', shared)).toEqual(['3:target:error:shared-contact']);
    expect(await codes('customers', [shared[0]!, { ...shared[1]!, confirmShared: true }])).toEqual([]);
  });

  it('writes messages a person can act on', async () => {
    const { problems } = checkRows('accounts', [{ row: 6, source: 'X3', role: 'asset', target: 90 }], await lookup());
    expect(problems[0]!.message).toBe(
      'Row 6, Xero target: "90" is not an account in Xero, but 090 is: Excel dropped its leading zeros; format the column as Text and type 090',
    );
  });
});

describe('suggestions', () => {
  it('prefers exact codes, account numbers and emails, then similar names, deterministically', async () => {
    const l = await lookup();
    const c = l.tables.contacts.find((x) => x.isCustomer && x.email && x.status === 'ACTIVE')!;
    const rows: MappingRow[] = [
      { row: 2, source: '0400', name: 'Online sales' },
      { row: 3, source: 'WHOLESALE', name: 'Wholesale sale' },
      { row: 4, source: 'ZZZ', name: 'qqqq xxxx' },
    ];
    const s = suggestTargets('accounts', rows, l);
    expect(s.map((x) => [x.target, x.confidence])).toEqual([
      ['0400', 100],
      ['210', expect.any(Number)],
      [null, 0],
    ]);
    expect(s[1]!.confidence).toBeLessThanOrEqual(95);
    expect(suggestTargets('accounts', rows, l)).toEqual(s);
    const customers = suggestTargets('customers', [{ row: 2, source: 'POS-1', name: 'Somebody', email: c.email!.toUpperCase() }], l);
    expect(customers[0]).toMatchObject({ target: c.name, confidence: 100, reason: 'same email' });
    const tax = suggestTargets('tax-rules', [{ row: 2, source: 'T1', name: 'Sales tax', rate: 10 }], l);
    expect(tax[0]).toMatchObject({ target: 'OUTPUT', reason: 'same rate (10%)' });
  });

  it("suggests only accounts of the class a code's role needs, so a suggestion passes the checks", async () => {
    const l = await lookup();
    const rows: MappingRow[] = [
      { row: 2, source: 'FEES-IN', name: 'Bank fees', role: 'revenue' },
      { row: 3, source: 'FEES-OUT', name: 'Bank fees', role: 'expense' },
      { row: 4, source: 'FEES', name: 'Bank fees' },
      // The same code as an account of another class is not offered as "same code".
      { row: 5, source: '404', name: 'Card charges', role: 'revenue' },
    ];
    const s = suggestTargets('accounts', rows, l);
    const classOf = (code: string | null) => l.tables.accounts.find((a) => a.code === code)?.class;
    // Nothing among the revenue accounts is like "Bank fees": no suggestion rather than the expense account.
    expect(s[0]!.target === null || classOf(s[0]!.target) === 'REVENUE').toBe(true);
    expect(s[0]!.target).not.toBe('404');
    expect(s[1]).toMatchObject({ target: '404', reason: 'similar name' });
    expect(s[2]).toMatchObject({ target: '404' });
    expect(s[3]!.reason).not.toBe('same code');
    expect(s[3]!.target === null || classOf(s[3]!.target) === 'REVENUE').toBe(true);
    const accepted = rows.map((r, i) => ({ ...r, target: s[i]!.target ?? '' }));
    const { problems } = checkRows(
      'accounts',
      accepted.filter((r) => r.role),
      l,
    );
    expect(problems.filter((p) => p.code === 'class-mismatch')).toEqual([]);
  });
});
