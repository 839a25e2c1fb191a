import zlib from 'node:zlib';
import fc from 'fast-check';
import request from 'supertest';
import { routePath, routes, sessionResponseSchema } from '../../core/contract';
import type { RouteDefinition } from '../../core/contract';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { testApp } from './helpers';

/**
 * Hostile input: random and mutated JSON bodies and query strings sent to every route. No answer is
 * ever a 5xx, and a refused request leaves the stores as they were.
 */
describe('random and mutated input to every route', () => {
  const t = testApp({ freshDemo: true });
  let token = '';
  beforeAll(async () => {
    token = sessionResponseSchema.parse((await request(t.app).post('/auth/demo').expect(201)).body).token;
  });

  const counts = () =>
    ['mappings', 'mapping_batches', 'mapping_audit', 'sessions', 'report_schedules', 'schedule_runs'].map(
      (table) => (t.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    );

  const base = `/api/orgs/${DEMO_TENANT_ID}`;
  // Every organisation route of the route table, by method.
  const organisationRoutes = (method: string) =>
    Object.values(routes as Record<string, RouteDefinition>)
      .filter((r) => r.access === 'organisation' && r.method === method)
      .map((r) => routePath(r.path, { tenantId: DEMO_TENANT_ID, batchId: 'some-batch', scheduleId: 'some-schedule', runId: 'some-run' }).slice(base.length));
  const postRoutes = organisationRoutes('POST');
  const getRoutes = organisationRoutes('GET');

  it('covers every organisation route of the route table', () => {
    expect(postRoutes).toEqual(expect.arrayContaining(['/mappings/plan', '/mappings/apply', '/mappings/batches/some-batch/revert']));
    expect(getRoutes).toEqual(
      expect.arrayContaining(['/reports/ageing', '/reports/account-summary', '/accounts', '/tax-rates', '/contacts', '/items', '/mappings/drift']),
    );
  });

  // Plausible-looking bodies: the right keys with wrong or random values, as well as anything at all.
  const mutatedBody = fc.oneof(
    fc.jsonValue(),
    fc.record(
      {
        kind: fc.oneof(fc.constantFrom('accounts', 'tax-rules', 'payment-methods', 'customers'), fc.string()),
        rows: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 5 }), fc.jsonValue()),
        planVersion: fc.oneof(fc.integer(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    ),
    fc.record({
      kind: fc.constant('accounts'),
      planVersion: fc.constant(0),
      rows: fc.array(
        fc.record(
          {
            row: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string()),
            source: fc.oneof(fc.string(), fc.integer(), fc.constant('#REF!')),
            role: fc.string(),
            target: fc.oneof(fc.constantFrom('200', '0400', '090'), fc.string(), fc.integer()),
            status: fc.constantFrom('Approved', 'Draft', 'Nope'),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 6 },
      ),
    }),
  );
  const query = fc.dictionary(
    fc.constantFrom(
      'asAt',
      'side',
      'periods',
      'length',
      'unit',
      'basis',
      'titles',
      'from',
      'to',
      'format',
      'kind',
      'contactIds',
      'currency',
      'detail',
      'refresh',
      fc.string().toString(),
    ),
    fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.double().map(String),
      fc.constantFrom('2026-02-30', '13', '-1', 'pdf', 'csv', 'NaN', '9'.repeat(30), '1e308', '-0', '0x10', 'Infinity'),
      // Extreme dates: the first and last a report allows, and far beyond.
      fc.constantFrom('0100-01-01', '0000-01-01', '1899-12-31', '1900-01-01', '2100-12-31', '2101-01-01', '9999-12-31', '+275760-09-13'),
    ),
    { maxKeys: 5 },
  );

  it('never answers 5xx to random bodies, and refused writes change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...postRoutes), mutatedBody, fc.option(fc.string({ minLength: 0, maxLength: 120 })), async (route, body, key) => {
        const before = counts();
        let req = request(t.app).post(`${base}${route}`).set('Authorization', `Bearer ${token}`);
        if (key !== null) req = req.set('Idempotency-Key', key.replace(/[\r\n]/g, ''));
        const res = await req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.body.error.message.length).toBeGreaterThan(0);
          expect(counts()).toEqual(before);
        }
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });

  it('never answers 5xx to random query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...getRoutes), query, async (route, q) => {
        const res = await request(t.app).get(`${base}${route}`).query(q).set('Authorization', `Bearer ${token}`);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 120, seed: 1127 },
    );
  });

  it('never answers 5xx to compressed bodies, whether they inflate or not', async () => {
    const encode: Record<string, (b: Buffer) => Buffer> = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync, identity: (b) => b };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...postRoutes),
        fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'gzip, br'),
        fc.oneof(
          mutatedBody.map((b) => ({ compressed: true, body: b })),
          fc.uint8Array({ maxLength: 64 }).map((b) => ({ compressed: false, body: b })),
        ),
        async (route, encoding, { compressed, body }) => {
          const raw = compressed ? Buffer.from(JSON.stringify(body) ?? 'null') : Buffer.from(body as Uint8Array);
          const payload = compressed && encode[encoding] ? encode[encoding](raw) : raw;
          const res = await request(t.app)
            .post(`${base}${route}`)
            .set('Authorization', `Bearer ${token}`)
            .set('Idempotency-Key', 'fuzz-compressed-1')
            .set('Content-Type', 'application/json')
            .set('Content-Encoding', encoding)
            .serialize((b: Buffer) => b as unknown as string)
            .send(payload);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 120, seed: 2611 },
    );
  });

  it('never answers 5xx to raw bytes that are not JSON, to odd paths, or without a session', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('/auth/demo', '/auth/signout', `${base}/mappings/plan`, '/api/orgs/%E0%A4%A/accounts', '/api/orgs/../../etc/passwd'),
        fc.boolean(),
        async (raw, route, withSession) => {
          let req = request(t.app).post(route).set('Content-Type', 'application/json');
          if (withSession) req = req.set('Authorization', `Bearer ${token}`);
          const res = await req.send(raw);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 120, seed: 42 },
    );
  });
});
