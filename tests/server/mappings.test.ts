import request from 'supertest';
import {
  applyResponseSchema,
  errorBodySchema,
  historyResponseSchema,
  mappingsResponseSchema,
  planResponseSchema,
  sessionResponseSchema,
} from '../../core/contract';
import type { MappingRow } from '../../core/mapping/rows';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { testApp } from './helpers';

async function setup() {
  const t = testApp({ freshDemo: true });
  const token = sessionResponseSchema.parse((await request(t.app).post('/auth/demo').expect(201)).body).token;
  const post = (path: string, body: unknown, key?: string) => {
    let r = request(t.app).post(`/api/orgs/${DEMO_TENANT_ID}/mappings${path}`).set('Authorization', `Bearer ${token}`);
    if (key) r = r.set('Idempotency-Key', key);
    return r.send(body as object);
  };
  const get = (path: string) => request(t.app).get(`/api/orgs/${DEMO_TENANT_ID}/mappings${path}`).set('Authorization', `Bearer ${token}`);
  return { ...t, post, get };
}

/** 200 source revenue codes as a POS export would give them, named like the demo's accounts. */
function posCodes(): MappingRow[] {
  const names = ['Online Store Sales', 'Sales', 'Wholesale Sales', 'Export Sales', 'Other Revenue'];
  return Array.from({ length: 200 }, (_, i) => ({
    row: i + 2,
    source: `POS-${String(i + 1).padStart(4, '0')}`,
    name: `${names[i % names.length]} ${i % 7 === 0 ? 'outlet' : 'store'}`,
    role: 'revenue',
  }));
}

describe('mapping 200 account codes end to end in the demo organisation', () => {
  it('suggests, previews, applies only approved rows, lists, and reverts', async () => {
    const t = await setup();
    const rows = posCodes();
    const plan = planResponseSchema.parse((await t.post('/plan', { kind: 'accounts', rows }).expect(200)).body);
    expect(plan.rows).toHaveLength(200);
    expect(plan.rows.every((r) => r.suggestion.target !== null && r.suggestion.confidence > 0)).toBe(true);

    // Accept the suggestions, approve all but the last 10.
    const accepted = rows.map((r, i) => ({ ...r, target: plan.rows[i]!.suggestion.target, status: i < 190 ? 'Approved' : 'Draft' }));
    const preview = planResponseSchema.parse((await t.post('/plan', { kind: 'accounts', rows: accepted }).expect(200)).body);
    expect(preview.totals).toEqual({ create: 200, update: 0, unchanged: 0, invalid: 0 });

    const apply = applyResponseSchema.parse(
      (await t.post('/apply', { kind: 'accounts', planVersion: preview.version, rows: accepted }, 'batch-accounts-0001').expect(200)).body,
    );
    expect(apply.results.filter((r) => r.result === 'written')).toHaveLength(190);
    expect(apply.results.filter((r) => r.result === 'skipped')).toHaveLength(10);

    const stored = mappingsResponseSchema.parse((await t.get('?kind=accounts').expect(200)).body);
    expect(stored.mappings).toHaveLength(190);
    const again = planResponseSchema.parse((await t.post('/plan', { kind: 'accounts', rows: accepted }).expect(200)).body);
    expect(again.totals.unchanged).toBe(190);

    const csv = await t.get('?kind=accounts&format=csv').expect(200);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(191);

    const history = historyResponseSchema.parse((await t.get('/history').expect(200)).body);
    expect(history.batches[0]).toMatchObject({ id: apply.batchId, kind: 'accounts', who: 'demo', changes: 190 });

    const revert = applyResponseSchema.parse((await t.post(`/batches/${apply.batchId}/revert`, {}, 'revert-accounts-0001').expect(200)).body);
    expect(revert.results).toHaveLength(190);
    expect(mappingsResponseSchema.parse((await t.get('?kind=accounts').expect(200)).body).mappings).toHaveLength(0);
    const after = historyResponseSchema.parse((await t.get('/history').expect(200)).body);
    expect(after.batches.find((b) => b.id === apply.batchId)?.revertedBy).toBe(revert.batchId);
  });

  it('writes customer defaults into Xero (the demo copy), and revert puts them back', async () => {
    const t = await setup();
    const contacts = (await t.source.read('contacts')).records.filter((c) => c.isCustomer && c.status === 'ACTIVE');
    const c = contacts[0]!;
    const row = { row: 2, source: 'CUST-1', name: c.name, target: c.name, salesAccount: '210', taxType: 'OUTPUT', status: 'Approved' };
    const plan = planResponseSchema.parse((await t.post('/plan', { kind: 'customers', rows: [row] }).expect(200)).body);
    const applied = applyResponseSchema.parse(
      (
        await t
          .post('/apply', { kind: 'customers', planVersion: plan.version, rows: [{ ...row, xeroUpdatedAt: plan.rows[0]!.xeroUpdatedAt }] }, 'batch-customers-1')
          .expect(200)
      ).body,
    );
    expect(applied.results[0]!.result).toBe('written');
    const updated = (await t.source.read('contacts')).records.find((x) => x.contactId === c.contactId)!;
    expect(updated.salesDefaultAccountCode).toBe('210');
    await t.post(`/batches/${applied.batchId}/revert`, {}, 'revert-customers-1').expect(200);
    expect((await t.source.read('contacts')).records.find((x) => x.contactId === c.contactId)!.salesDefaultAccountCode).toBe(c.salesDefaultAccountCode);
  });

  it('enables payments on an account when the row asks for it', async () => {
    const t = await setup();
    const row = { row: 2, source: 'CASH', name: 'Cash', target: '620', action: 'enable-payments', status: 'Approved' };
    const plan = planResponseSchema.parse((await t.post('/plan', { kind: 'payment-methods', rows: [row] }).expect(200)).body);
    const applied = applyResponseSchema.parse(
      (await t.post('/apply', { kind: 'payment-methods', planVersion: plan.version, rows: [row] }, 'batch-payments-1').expect(200)).body,
    );
    expect(applied.results[0]!.result).toBe('written');
    expect((await t.source.read('accounts')).records.find((a) => a.code === '620')!.enablePaymentsToAccount).toBe(true);
  });
});

describe('creating a missing tax rate when the row asks for it', () => {
  it('creates it in Xero (the demo copy), maps the rule to the new tax type, and refuses a name that exists', async () => {
    const t = await setup();
    const row = { row: 2, source: 'LUX', name: 'Luxury goods', rate: 33, target: 'Luxury Car Tax 33%', action: 'create-tax-rate', status: 'Approved' };
    const plan = planResponseSchema.parse((await t.post('/plan', { kind: 'tax-rules', rows: [row] }).expect(200)).body);
    expect(plan.rows[0]).toMatchObject({ action: 'create', after: { target: 'new: Luxury Car Tax 33%' } });
    const applied = applyResponseSchema.parse(
      (await t.post('/apply', { kind: 'tax-rules', planVersion: plan.version, rows: [row] }, 'create-tax-rate-1').expect(200)).body,
    );
    expect(applied.results[0]!.result).toBe('written');
    const created = (await t.source.read('taxRates')).records.find((r) => r.name === 'Luxury Car Tax 33%');
    expect(created).toMatchObject({ status: 'ACTIVE', effectiveRate: '33' });
    expect(mappingsResponseSchema.parse((await t.get('?kind=tax-rules').expect(200)).body).mappings[0]!.target).toBe(created!.taxType);
    const again = planResponseSchema.parse((await t.post('/plan', { kind: 'tax-rules', rows: [row] }).expect(200)).body);
    expect(again.rows[0]!.problems.map((p) => p.code)).toContain('exists');
  });
});

describe('apply is safe to retry and refuses stale plans', () => {
  it('replays the same Idempotency-Key with the first answer and writes nothing twice', async () => {
    const t = await setup();
    const rows = [{ row: 2, source: 'A1', role: 'revenue', target: '200', status: 'Approved' }];
    const body = { kind: 'accounts', planVersion: 0, rows };
    const first = applyResponseSchema.parse((await t.post('/apply', body, 'same-key-123').expect(200)).body);
    const second = applyResponseSchema.parse((await t.post('/apply', body, 'same-key-123').expect(200)).body);
    expect(second).toEqual({ ...first, replayed: true });
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM mapping_audit').get()).toEqual({ n: 1 });
    const other = await t.post('/apply', { ...body, rows: [{ ...rows[0], target: '210' }] }, 'same-key-123').expect(409);
    expect(errorBodySchema.parse(other.body).error.message).toMatch(/used for a different request/);
  });

  it('answers a row planned on an older version as a conflict, and the others still go through', async () => {
    const t = await setup();
    await t
      .post(
        '/apply',
        { kind: 'accounts', planVersion: 0, rows: [{ row: 2, source: 'A1', role: 'revenue', target: '200', status: 'Approved' }] },
        'first-batch-01',
      )
      .expect(200);
    const stale = await t
      .post(
        '/apply',
        {
          kind: 'accounts',
          planVersion: 0,
          rows: [
            { row: 2, source: 'A1', role: 'revenue', target: '210', status: 'Approved' },
            { row: 3, source: 'B1', role: 'revenue', target: '210', status: 'Approved' },
          ],
        },
        'second-batch-01',
      )
      .expect(200);
    expect(applyResponseSchema.parse(stale.body).results.map((r) => r.result)).toEqual(['conflict', 'written']);
  });

  it('refuses to write to another organisation than the workbook’s', async () => {
    const t = await setup();
    const res = await t
      .post('/apply', { kind: 'accounts', planVersion: 0, rows: [] }, 'wrong-org-0001')
      .set('X-Workbook-Organisation', 'another-tenant')
      .expect(409);
    expect(res.body.error.message).toMatch(/sheets came from another organisation/);
  });
});

describe('bad input: every kind gets a clear per-row or per-request error, valid rows still go through, never a 500', () => {
  const good = { row: 2, source: 'GOOD', role: 'revenue', target: '200', status: 'Approved' };
  const badRows: Array<[string, unknown]> = [
    ['a blank source', { row: 3, source: '', role: 'revenue', target: '200', status: 'Approved' }],
    ['a whitespace source', { row: 3, source: '   ', role: 'revenue', target: '200', status: 'Approved' }],
    ['#N/A target', { row: 3, source: 'X', role: 'revenue', target: '#N/A', status: 'Approved' }],
    ['#REF! source', { row: 3, source: '#REF!', role: 'revenue', target: '200', status: 'Approved' }],
    ['#VALUE! role', { row: 3, source: 'X', role: '#VALUE!', target: '200', status: 'Approved' }],
    ['lost leading zeros', { row: 3, source: 'X', role: 'asset', target: 90, status: 'Approved' }],
    ['an unknown account', { row: 3, source: 'X', role: 'revenue', target: '7777', status: 'Approved' }],
    ['an archived account', { row: 3, source: 'X', role: 'expense', target: '494', status: 'Approved' }],
    ['a class mismatch', { row: 3, source: 'X', role: 'revenue', target: '400', status: 'Approved' }],
    ['an unknown role', { row: 3, source: 'X', role: 'sales', target: '200', status: 'Approved' }],
    ['a duplicate source', { row: 3, source: 'good', role: 'revenue', target: '200', status: 'Approved' }],
    ['an approved row without target', { row: 3, source: 'X', role: 'revenue', status: 'Approved' }],
    ['a row number that is text', { row: 'three', source: 'X', role: 'revenue', target: '200' }],
    ['a row number of zero', { row: 0, source: 'X', role: 'revenue', target: '200' }],
    ['a negative row number', { row: -5, source: 'X', role: 'revenue', target: '200' }],
    ['an unknown field', { row: 3, source: 'X', role: 'revenue', target: '200', colour: 'red' }],
    ['an object as a cell', { row: 3, source: { a: 1 }, role: 'revenue', target: '200' }],
    ['an array as a cell', { row: 3, source: ['X'], role: 'revenue', target: '200' }],
    ['an unknown status', { row: 3, source: 'X', role: 'revenue', target: '200', status: 'Done' }],
    ['an unknown action', { row: 3, source: 'X', role: 'revenue', target: '200', action: 'delete-account' }],
    ['a 3,000-character name', { row: 3, source: 'X', name: 'n'.repeat(3000), role: 'revenue', target: '200' }],
    ['a null row', null],
    ['a number as a row', 42],
    ['a string as a row', 'row 3'],
  ];

  it.each(badRows)('%s', async (_what, bad) => {
    const t = await setup();
    const plan = await t.post('/plan', { kind: 'accounts', rows: [good, bad] }).expect(200);
    const body = planResponseSchema.parse(plan.body);
    const goodRow = body.rows.find((r) => r.row === 2 && r.action !== 'invalid');
    expect(goodRow).toBeDefined();
    const invalid = body.rows.filter((r) => r.action === 'invalid' || r.problems.some((p) => p.severity === 'error'));
    expect(invalid.length).toBeGreaterThan(0);
    for (const r of invalid) expect(r.problems.find((p) => p.severity === 'error')?.message).toMatch(/^Row (\d+|-\d+)/);
    const apply = await t
      .post('/apply', { kind: 'accounts', planVersion: body.version, rows: [good, bad] }, `bad-input-${Math.random().toString(36).slice(2, 10)}`)
      .expect(200);
    const results = applyResponseSchema.parse(apply.body).results;
    expect(results.find((r) => r.row === 2)?.result).toBe('written');
    expect(mappingsResponseSchema.parse((await t.get('?kind=accounts').expect(200)).body).mappings.map((m) => m.source)).toEqual(['GOOD']);
  });

  it('takes the first copy of a row sent twice and says so on that row', async () => {
    const t = await setup();
    const plan = planResponseSchema.parse((await t.post('/plan', { kind: 'accounts', rows: [good, { ...good, source: 'OTHER' }] }).expect(200)).body);
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]!.problems.map((p) => p.message)).toContain('Row 2: sent twice in one request; the second copy was ignored');
  });

  it.each<[string, unknown, number]>([
    ['an unknown kind', { kind: 'vendors', rows: [] }, 400],
    ['rows that are not a list', { kind: 'accounts', rows: 'all of them' }, 400],
    ['no rows field', { kind: 'accounts' }, 400],
    ['an extra field', { kind: 'accounts', rows: [], hack: true }, 400],
    ['more than 10,000 rows', { kind: 'accounts', rows: Array.from({ length: 10_001 }, (_, i) => ({ row: i + 2, source: `S${i}` })) }, 400],
    ['a body that is a list', [1, 2, 3], 400],
    ['an empty body', {}, 400],
  ])('refuses %s with a 4xx and a message', async (_what, body, status) => {
    const t = await setup();
    const res = await t.post('/plan', body).expect(status);
    expect(errorBodySchema.parse(res.body).error.message.length).toBeGreaterThan(10);
  });

  it.each<[string, string | null]>([
    ['no Idempotency-Key', null],
    ['a too short Idempotency-Key', 'abc'],
    ['an Idempotency-Key with spaces', 'not a valid key'],
  ])('refuses apply with %s', async (_what, key) => {
    const t = await setup();
    const res = await t.post('/apply', { kind: 'accounts', planVersion: 0, rows: [good] }, key ?? undefined).expect(400);
    expect(res.body.error.message).toMatch(/Idempotency-Key/);
  });

  it('refuses an oversized body before reading it, and malformed JSON', async () => {
    const t = await setup();
    const big = await t.post('/plan', { kind: 'accounts', rows: [{ row: 2, source: 'x'.repeat(3 * 1024 * 1024) }] }).expect(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const broken = await t.post('/plan', '{"kind": "accounts", "rows": [').set('Content-Type', 'application/json').expect(400);
    expect(broken.body.error.code).toBe('bad_request');
    expect(broken.body.error.message).toMatch(/^The request body could not be read: /);
  });

  it('keeps unicode and formula-looking names as text, and plans 10,000 rows at once', async () => {
    const t = await setup();
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      row: i + 2,
      source: `S${i}`,
      name: i % 2 ? `=SUM(A${i})` : `Café Ōsaka 東京 ${i}`,
      role: 'revenue',
      target: '200',
    }));
    const plan = planResponseSchema.parse((await t.post('/plan', { kind: 'accounts', rows }).expect(200)).body);
    expect(plan.rows).toHaveLength(10_000);
    expect(plan.totals.create).toBe(10_000);
    expect(plan.rows[1]!.after!.details.name).toBe('=SUM(A1)');
  });

  it('refuses reverting a batch that does not exist or was reverted already', async () => {
    const t = await setup();
    await t.post('/batches/no-such-batch/revert', {}, 'revert-missing-1').expect(404);
    const applied = applyResponseSchema.parse((await t.post('/apply', { kind: 'accounts', planVersion: 0, rows: [good] }, 'apply-once-0001').expect(200)).body);
    await t.post(`/batches/${applied.batchId}/revert`, {}, 'revert-once-0001').expect(200);
    const twice = await t.post(`/batches/${applied.batchId}/revert`, {}, 'revert-twice-001').expect(409);
    expect(twice.body.error.message).toMatch(/reverted already/);
  });
});
