import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_TENANT_ID } from '../../scripts/demo/generator';
import { demoSource, testApp } from './helpers';
import { startProxy } from './proxy-process';

/** Issue 12, item 6: contact filters of any length work, and never answer 431 or 500. */
describe('reports filtered to many contacts', () => {
  const someIds = async () => {
    const real = (await demoSource().read('contacts')).records.slice(0, 5).map((c) => c.contactId);
    // 2,000 ids: five of the demo's contacts among ids no organisation has.
    return [...real, ...Array.from({ length: 1995 }, () => crypto.randomUUID())];
  };

  it('takes 2,000 contact ids in a POST body, with the same answer as the short filter', async () => {
    const { app } = testApp();
    const token = (await request(app).post('/auth/demo').expect(201)).body.token as string;
    const ids = await someIds();
    const byPost = await request(app)
      .post(`/api/orgs/${DEMO_TENANT_ID}/reports/ageing`)
      .set('Authorization', `Bearer ${token}`)
      .send({ asAt: '2026-10-31', contactIds: ids, periods: 4, includeUnappliedCredits: true })
      .expect(200);
    expect(byPost.body.options).toMatchObject({ periods: 4, includeUnappliedCredits: true });
    expect(byPost.body.options.contactIds).toHaveLength(2000);
    const short = await request(app)
      .get(`/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-10-31&periods=4&includeUnappliedCredits=true&contactIds=${ids.slice(0, 5).join(',')}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(byPost.body.rows).toEqual(short.body.rows);
    const summary = await request(app)
      .post(`/api/orgs/${DEMO_TENANT_ID}/reports/account-summary`)
      .set('Authorization', `Bearer ${token}`)
      .send({ from: '2026-08-01', to: '2026-10-31', contactIds: ids, format: 'csv' })
      .expect(200);
    expect(summary.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('takes 2,000 contact ids in the URL of the running proxy (no 431)', async () => {
    const proxy = await startProxy(fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-filters-')));
    try {
      const token = ((await (await fetch(`${proxy.origin}/auth/demo`, { method: 'POST' })).json()) as { token: string }).token;
      const ids = await someIds();
      const res = await fetch(`${proxy.origin}/api/orgs/${DEMO_TENANT_ID}/reports/ageing?asAt=2026-10-31&contactIds=${ids.join(',')}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { options: { contactIds: string[] } }).options.contactIds).toHaveLength(2000);
    } finally {
      await proxy.stop();
    }
  });
});
