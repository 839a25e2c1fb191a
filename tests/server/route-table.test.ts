import express from 'express';
import request from 'supertest';
import { routePath, routes } from '../../core/contract';
import type { RouteDefinition } from '../../core/contract';
import { createApiClient } from '../../addin/api/client';
import { errorHandler } from '../../server/http/error-handler';
import { registerRoutes } from '../../server/http/route-table';
import { createLogger } from '../../server/logger';
import type { OrganisationDirectory } from '../../server/sources/directory';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { fetchThroughProxy } from '../addin/proxy-fetch';
import { testApp } from './helpers';

const table = routes as Record<string, RouteDefinition>;

describe('the route table on the proxy', () => {
  const t = testApp({ freshDemo: true });
  let token = '';
  beforeAll(async () => {
    token = (await request(t.app).post('/auth/demo').expect(201)).body.token as string;
  });

  it.each(Object.keys(table))('registers %s at its method and path', async (name) => {
    const def = table[name]!;
    const url = routePath(def.path, { tenantId: DEMO_TENANT_ID, batchId: 'no-such-batch', scheduleId: 'no-such-schedule', runId: 'no-such-run' });
    const req = def.method === 'GET' ? request(t.app).get(url) : request(t.app).post(url).send({});
    // Public routes go without the session (signing out would end it for the tests after).
    const res = def.access === 'public' ? await req : await req.set('Authorization', `Bearer ${token}`);
    // Whatever the route thinks of an empty request, it is there: not the "No such route" answer, and never a 5xx.
    expect(res.body?.error?.message ?? '').not.toMatch(/^No such route/);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses an organisation the session did not connect, before reading its input', async () => {
    const res = await request(t.app).post('/api/orgs/someone-else/mappings/plan').set('Authorization', `Bearer ${token}`).send({ nonsense: true });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No organisation someone-else/);
  });

  it('names the header a write is missing', async () => {
    const res = await request(t.app)
      .post(`/api/orgs/${DEMO_TENANT_ID}/mappings/apply`)
      .set('Authorization', `Bearer ${token}`)
      .send({ kind: 'accounts', planVersion: 0, rows: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'header idempotency-key: send an Idempotency-Key header (a new random value per batch) so that a retry never writes twice',
    );
  });
});

describe('answers checked against the route table', () => {
  const appWith = (checkAnswers: boolean) => {
    const app = express();
    const router = express.Router();
    // The health route's answer has the wrong status word and no version.
    registerRoutes(router, { health: () => ({ status: 'fine' }) as never }, { directory: {} as OrganisationDirectory, checkAnswers });
    app.use(router);
    app.use(errorHandler(createLogger('silent')));
    return app;
  };

  it('refuses to send an answer that breaks its schema (development and tests)', async () => {
    const res = await request(appWith(true)).get('/healthz');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal');
  });

  it('sends it unchecked in production', async () => {
    const res = await request(appWith(false)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'fine' });
  });
});

describe("the pane's client", () => {
  it('builds the path and query from the route table, and the proxy reads them back', async () => {
    const seen: string[] = [];
    fetchThroughProxy(testApp().app);
    const proxied = globalThis.fetch;
    globalThis.fetch = ((url: string, init: unknown) => {
      seen.push(url);
      return (proxied as (u: string, i: unknown) => Promise<Response>)(url, init);
    }) as typeof fetch;
    let token: string | null = null;
    const api = createApiClient(() => token);
    token = (await api.call('demoSignIn')).token;
    const query = { asAt: '2026-06-30', periods: 4, includeUnappliedCredits: true, contactIds: ['a b', 'c'] };
    const report = await api.call('ageingReport', { tenantId: DEMO_TENANT_ID, query });
    expect(seen.at(-1)).toBe(`/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-06-30&periods=4&includeUnappliedCredits=true&contactIds=a+b%2Cc`);
    expect(report.options).toMatchObject({ asAt: '2026-06-30', periods: 4, includeUnappliedCredits: true, contactIds: ['a b', 'c'] });
    expect(report.columns).toHaveLength(6);
  });
});
