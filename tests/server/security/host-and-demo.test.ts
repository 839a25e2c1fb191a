import request from 'supertest';
import { loadConfig } from '../../../server/config';
import { hostName } from '../../../server/http/host-check';
import { testApp } from '../helpers';

/** Finding 4. Both failed on main: `Host: attacker.example` got 201 from /auth/demo, and XERO_SNAPSHOT kept demo sign-in on. */
describe('only its own host names (finding 4: DNS rebinding)', () => {
  const { app } = testApp({ allowedHosts: loadConfig({ PUBLIC_URL: 'https://bridge.example.com', ALLOWED_HOSTS: 'bridge.internal, 10.0.0.5' }).allowedHosts });

  it.each(['attacker.example', 'attacker.example:3000', 'bridge.example.com.attacker.example', 'localhost.attacker.example'])(
    'refuses Host: %s with 421 before anything runs',
    async (host) => {
      const res = await request(app).post('/auth/demo').set('Host', host);
      expect(res.status).toBe(421);
      expect(res.body.token).toBeUndefined();
      expect(res.body.error.message).toMatch(/does not answer for the host/);
    },
  );

  it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'bridge.example.com', 'BRIDGE.internal:8443', '10.0.0.5'])('answers Host: %s', async (host) => {
    await request(app).get('/healthz').set('Host', host).expect(200);
  });

  it('reads the host name without its port', () => {
    expect(hostName('[::1]:3000')).toBe('[::1]');
    expect(hostName('Example.COM:443')).toBe('example.com');
    expect(hostName(undefined)).toBe('');
  });
});

describe('demo sign-in for recorded organisations (finding 4)', () => {
  it('is on by default for the built-in demo only', () => {
    expect(loadConfig({}).demoLogin).toBe(true);
    expect(loadConfig({ XERO_SNAPSHOT: '/srv/recording' }).demoLogin).toBe(false);
    expect(loadConfig({ XERO_SNAPSHOT: '/srv/recording', DEMO_LOGIN: '1' }).demoLogin).toBe(true);
    expect(loadConfig({ DEMO_LOGIN: '0' }).demoLogin).toBe(false);
  });

  it('refuses demo sessions when it is off', async () => {
    const { app } = testApp({ demoLogin: false });
    const res = await request(app).post('/auth/demo').expect(403);
    expect(res.body.error.message).toMatch(/DEMO_LOGIN/);
  });
});
