import request from 'supertest';
import {
  accountsResponseSchema,
  contactsResponseSchema,
  errorBodySchema,
  healthResponseSchema,
  itemsResponseSchema,
  orgsResponseSchema,
  sessionResponseSchema,
  taxRatesResponseSchema,
} from '../../core/contract';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { testApp } from './helpers';

async function demoSession(app: ReturnType<typeof testApp>['app']) {
  const res = await request(app).post('/auth/demo').expect(201);
  return sessionResponseSchema.parse(res.body).token;
}

describe('the proxy', () => {
  const { app, db } = testApp();

  it('answers /healthz', async () => {
    const res = await request(app).get('/healthz').expect(200);
    expect(healthResponseSchema.parse(res.body)).toMatchObject({ status: 'ok', organisations: 1 });
  });

  it('lists the demo organisation to a demo session', async () => {
    const token = await demoSession(app);
    const res = await request(app).get('/api/orgs').set('Authorization', `Bearer ${token}`).expect(200);
    const { organisations } = orgsResponseSchema.parse(res.body);
    expect(organisations.map((o) => o.tenantId)).toEqual([DEMO_TENANT_ID]);
    expect(organisations[0]?.source).toBe('snapshot');
  });

  it('stores only a hash of the session token', async () => {
    const token = await demoSession(app);
    const rows = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('refuses /api without a session, and after sign-out, with a JSON error', async () => {
    const missing = await request(app).get('/api/orgs').expect(401);
    expect(errorBodySchema.parse(missing.body).error.code).toBe('unauthorised');

    const token = await demoSession(app);
    await request(app).post('/auth/signout').set('Authorization', `Bearer ${token}`).expect(204);
    const after = await request(app).get('/api/orgs').set('Authorization', `Bearer ${token}`).expect(401);
    expect(after.body.error.message).toMatch(/sign in again/);
  });

  it.each([
    ['accounts', accountsResponseSchema],
    ['tax-rates', taxRatesResponseSchema],
    ['contacts', contactsResponseSchema],
    ['items', itemsResponseSchema],
  ] as const)('serves the demo %s in the contract shape', async (kind, schema) => {
    const token = await demoSession(app);
    const res = await request(app).get(`/api/orgs/${DEMO_TENANT_ID}/${kind}`).set('Authorization', `Bearer ${token}`).expect(200);
    const body = schema.parse(res.body);
    expect(body.tenantId).toBe(DEMO_TENANT_ID);
    expect(body.records.length).toBeGreaterThan(5);
  });

  it('answers 404, never the data, for an organisation the session did not connect', async () => {
    const token = await demoSession(app);
    const res = await request(app).get('/api/orgs/another-tenant/accounts').set('Authorization', `Bearer ${token}`).expect(404);
    expect(errorBodySchema.parse(res.body).error.code).toBe('not_found');
  });

  it('answers bad input with 400 naming the field, never 500', async () => {
    const token = await demoSession(app);
    const res = await request(app).get(`/api/orgs/${DEMO_TENANT_ID}/accounts?refresh=sometimes`).set('Authorization', `Bearer ${token}`).expect(400);
    expect(res.body.error.message).toMatch(/refresh/);

    const malformed = await request(app).post('/auth/demo').set('Content-Type', 'application/json').send('{"oops":');
    expect(malformed.status).toBe(400);
    expect(errorBodySchema.parse(malformed.body).error.code).toBe('bad_request');
  });

  it('refuses an oversized body early with 413', async () => {
    const big = JSON.stringify({ rows: 'x'.repeat(3 * 1024 * 1024) });
    const res = await request(app).post('/auth/demo').set('Content-Type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('sets security headers: a CSP for Office hosts only, and no permissive CORS', async () => {
    const res = await request(app).get('/healthz').set('Origin', 'https://evil.example').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).toContain('frame-ancestors');
    expect(csp).toContain('https://*.officeapps.live.com');
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*(\s|;|$)/);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses demo sign-in when it is turned off for a deployment', async () => {
    const { app: locked } = testApp({ demoLogin: false });
    const res = await request(locked).post('/auth/demo').expect(403);
    expect(res.body.error.message).toMatch(/DEMO_LOGIN/);
  });
});
