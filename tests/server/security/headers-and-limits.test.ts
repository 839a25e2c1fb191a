import fs from 'node:fs';
import request from 'supertest';
import { DEMO_TENANT_ID } from '../../../scripts/demo/generator';
import { loadConfig } from '../../../server/config';
import { PANE_DIR } from '../../../server/paths';
import { testApp } from '../helpers';

/** Findings 6, 8 and 9. Each failed on main before this change, as its comment says. */
describe('no cache keeps an API or sign-in answer (finding 6)', () => {
  const { app } = testApp();

  it('says no-store on JSON, CSV and PDF answers, on refusals, and on sign-in and sign-out', async () => {
    // Failed on main: no Cache-Control on any of these.
    const token = (await request(app).post('/auth/demo').expect(201).expect('Cache-Control', 'no-store')).body.token as string;
    const auth = { Authorization: `Bearer ${token}` };
    await request(app).get('/api/orgs').set(auth).expect(200).expect('Cache-Control', 'no-store');
    await request(app).get(`/api/orgs/${DEMO_TENANT_ID}/reports/ageing?format=csv`).set(auth).expect(200).expect('Cache-Control', 'no-store');
    await request(app).get(`/api/orgs/${DEMO_TENANT_ID}/reports/ageing?format=pdf`).set(auth).expect(200).expect('Cache-Control', 'no-store');
    await request(app).get('/api/orgs').expect(401).expect('Cache-Control', 'no-store');
    await request(app).get('/api/nowhere').set(auth).expect(404).expect('Cache-Control', 'no-store');
    await request(app).post('/auth/signout').set(auth).expect(204).expect('Cache-Control', 'no-store');
  });
});

describe('the pane is served without its source maps (finding 8)', () => {
  const { app } = testApp();
  const built = fs.existsSync(PANE_DIR) ? fs.readdirSync(PANE_DIR) : [];
  const script = built.find((f) => /^taskpane\..*\.js$/.test(f));

  it('answers 404 for a source map, and the script names none', async () => {
    // Failed on main: /taskpane.<hash>.js.map was served (5.9 MB, every source file), and the script pointed to it.
    expect(script).toBeDefined();
    await request(app).get(`/${script}.map`).expect(404);
    const js = await request(app).get(`/${script}`).expect(200);
    expect(js.text).not.toMatch(/sourceMappingURL/);
  });
});

describe('sign-in limits (finding 9)', () => {
  it('lets a client that used up its sign-ins still sign out', async () => {
    // Failed on main: after 30 demo sign-ins, /auth/signout answered 429.
    const { app } = testApp();
    let token = '';
    for (let i = 0; i < 30; i++) token = (await request(app).post('/auth/demo').expect(201)).body.token as string;
    await request(app).post('/auth/demo').expect(429);
    await request(app).post('/auth/signout').set('Authorization', `Bearer ${token}`).expect(204);
  });

  it('behind a trusted reverse proxy, keys the limit on each client, not on the proxy', async () => {
    // Failed on main: `trust proxy` was always off, so every user behind a reverse proxy shared one bucket.
    const { app } = testApp({ trustProxy: 1 });
    for (let i = 0; i < 30; i++) await request(app).post('/auth/demo').set('X-Forwarded-For', '203.0.113.7').expect(201);
    await request(app).post('/auth/demo').set('X-Forwarded-For', '203.0.113.7').expect(429);
    await request(app).post('/auth/demo').set('X-Forwarded-For', '198.51.100.20').expect(201);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For (a client cannot pick its own bucket)', async () => {
    const { app } = testApp();
    for (let i = 0; i < 30; i++) await request(app).post('/auth/demo').set('X-Forwarded-For', `203.0.113.${i}`).expect(201);
    await request(app).post('/auth/demo').set('X-Forwarded-For', '198.51.100.20').expect(429);
  });
});

describe('TRUST_PROXY in the configuration', () => {
  it('reads hops as a number and addresses as text', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});
