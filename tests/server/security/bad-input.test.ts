import zlib from 'node:zlib';
import request from 'supertest';
import { DEMO_TENANT_ID } from '../../../scripts/demo/generator';
import { testApp } from '../helpers';

/** Finding 5: two inputs answered 500. Both failed on main before this change. */
describe('bad input is a 4xx that says what is wrong, never a 500 (finding 5)', () => {
  const { app } = testApp();
  let token = '';
  beforeAll(async () => {
    token = (await request(app).post('/auth/demo').expect(201)).body.token as string;
  });

  it.each(['gzip', 'deflate', 'br'])('refuses a body that does not inflate as %s with 400, with or without a session', async (encoding) => {
    for (const auth of [{}, { Authorization: `Bearer ${token}` }]) {
      const res = await request(app)
        .post(`/api/orgs/${DEMO_TENANT_ID}/mappings/plan`)
        .set(auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send('this is not compressed');
      // The body is read before the session is checked, so a stranger gets the same 400 (and learns nothing).
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/could not be read: it does not decompress as its Content-Encoding says/);
    }
    const demo = await request(app).post('/auth/demo').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('nope');
    expect(demo.status).toBe(400);
  });

  it('reads a body that is compressed as it says', async () => {
    const body = zlib.gzipSync(JSON.stringify({ kind: 'accounts', rows: [] }));
    const res = await request(app)
      .post(`/api/orgs/${DEMO_TENANT_ID}/mappings/plan`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((b: Buffer) => b as unknown as string)
      .send(body);
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it('refuses an encoding it does not know with 415', async () => {
    const res = await request(app).post('/auth/demo').set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send('{}');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('refuses report dates outside 1900–2100 with 400 naming the field', async () => {
    const ageing = (q: string) => request(app).get(`/api/orgs/${DEMO_TENANT_ID}/reports/ageing?${q}`).set('Authorization', `Bearer ${token}`);
    const old = await ageing('asAt=0100-01-01&periods=12&length=366&unit=month');
    expect(old.status).toBe(400);
    expect(old.body.error.message).toBe('query asAt: must be a date from 1900-01-01 to 2100-12-31');
    const summary = await request(app).get(`/api/orgs/${DEMO_TENANT_ID}/reports/account-summary?to=9999-12-31`).set('Authorization', `Bearer ${token}`);
    expect(summary.status).toBe(400);
    expect(summary.body.error.message).toMatch(/^query to: must be a date from 1900-01-01/);
  });

  it('answers the furthest report it allows: twelve periods of 366 months before 1900', async () => {
    const res = await request(app)
      .get(`/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=1900-01-01&periods=12&length=366&unit=month&titles=range`)
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.columns.at(-1).to).toBe('1533-12-31');
  });
});
