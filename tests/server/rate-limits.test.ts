import request from 'supertest';
import { errorBodySchema, sessionResponseSchema } from '../../core/contract';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { testApp } from './helpers';

describe('rate limits on sign-in and on writes', () => {
  it('refuses the 31st sign-in request in a minute from one address with 429 and words', async () => {
    const { app } = testApp();
    for (let i = 0; i < 30; i++) await request(app).post('/auth/demo').expect(201);
    const res = await request(app).post('/auth/demo').expect(429);
    expect(errorBodySchema.parse(res.body).error).toMatchObject({ code: 'rate_limited' });
    expect(res.body.error.message).toMatch(/wait a minute/);
  });

  it('limits writes per session, not for everyone', async () => {
    const { app } = testApp({ freshDemo: true });
    const a = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body).token;
    const b = sessionResponseSchema.parse((await request(app).post('/auth/demo').expect(201)).body).token;
    const apply = (token: string, i: number) =>
      request(app)
        .post(`/api/orgs/${DEMO_TENANT_ID}/mappings/apply`)
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', `rate-limit-test-${i}`)
        .send({ kind: 'accounts', planVersion: 0, rows: [] });
    // An apply with no rows writes nothing (400, no batch), and still counts against the session's limit.
    for (let i = 0; i < 60; i++) await apply(a, i).expect(400);
    const limited = await apply(a, 60).expect(429);
    expect(limited.body.error.message).toMatch(/same Idempotency-Key is safe to reuse/);
    await apply(b, 61).expect(400);
  });
});
