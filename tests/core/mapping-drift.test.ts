import { mappingDrift } from '../../core/mapping/drift';
import { xeroLookup } from '../../core/mapping/xero-data';
import { demoSource } from '../server/helpers';

describe('drift: stored mappings checked again after a pull', () => {
  it('flags targets that were archived, deleted or changed type in Xero, and nothing else', async () => {
    const s = demoSource();
    const accounts = (await s.read('accounts')).records.map((a) =>
      a.code === '200' ? { ...a, status: 'ARCHIVED' } : a.code === '210' ? { ...a, class: 'EXPENSE', type: 'EXPENSE' } : a,
    );
    const lookup = xeroLookup({ accounts, taxRates: (await s.read('taxRates')).records, contacts: (await s.read('contacts')).records });
    const drift = mappingDrift(
      [
        { kind: 'accounts', source: 'A', target: '200', details: { role: 'revenue' } },
        { kind: 'accounts', source: 'B', target: '210', details: { role: 'revenue' } },
        { kind: 'accounts', source: 'C', target: '0400', details: { role: 'revenue' } },
        { kind: 'payment-methods', source: 'CARD', target: '9999', details: {} },
        { kind: 'tax-rules', source: 'GST', target: 'OUTPUT', details: { rate: '10' } },
      ],
      lookup,
    );
    expect(drift.map((d) => [d.source, d.problem.split(':')[0]])).toEqual([
      ['A', 'Xero target'],
      ['B', 'Xero target'],
      ['CARD', 'Xero target'],
    ]);
    expect(drift[0]!.problem).toMatch(/is ARCHIVED in Xero/);
    expect(drift[1]!.problem).toMatch(/is EXPENSE, not REVENUE/);
  });
});
