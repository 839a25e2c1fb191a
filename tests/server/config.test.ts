import path from 'node:path';
import { loadConfig } from '../../server/config';

describe('startup configuration', () => {
  it('defaults to https on localhost:3000 with data under data/', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.http).toBe(false);
    expect(c.publicUrl).toBe('https://localhost:3000');
    expect(c.dbPath).toBe(path.resolve('data', 'bridge.db'));
    expect(c.xero).toBeNull();
    expect(c.demoLogin).toBe(true);
  });

  it('takes a public URL for a deployed proxy, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://bridge.example.com/' }).publicUrl).toBe('https://bridge.example.com');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HTTP: 'maybe' }, 'HTTP'],
    [{ PUBLIC_URL: 'bridge.example.com' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ XERO_CLIENT_ID: 'abc' }, 'XERO_CLIENT_SECRET, XERO_REDIRECT_URI'],
    // Access tokens go to XERO_API_URL: never in clear over a network.
    [{ XERO_API_URL: 'http://xero-standin.internal/api.xro/2.0' }, 'XERO_API_URL'],
    [{ SMTP_URL: 'smtp://mail.example.com:587' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'mail.example.com' }, 'SMTP_URL'],
    [{ DELIVERY_WEBHOOK_HOSTS: 'hooks.example.com' }, 'DELIVERY_WEBHOOK_SECRET'],
    [{ DELIVERY_WEBHOOK_HOSTS: 'https://hooks.example.com', DELIVERY_WEBHOOK_SECRET: 'a-long-shared-signing-key' }, 'DELIVERY_WEBHOOK_HOSTS'],
  ])('a wrong value stops the start with one line naming the variable: %p', (env, variable) => {
    let message = '';
    try {
      loadConfig(env);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(variable);
    expect(message.split('\n')).toHaveLength(1);
  });

  it("reaches Xero's Accounting API at XERO_API_URL when set (a stand-in on this machine), Xero's own otherwise", () => {
    expect(loadConfig({ XERO_API_URL: 'http://127.0.0.1:4010/api.xro/2.0/' }).xeroApiUrl).toBe('http://127.0.0.1:4010/api.xro/2.0');
    expect(loadConfig({}).xeroApiUrl).toBeNull();
  });

  it('configures a Xero app only when id, secret and redirect URI are all given, with default scopes', () => {
    const c = loadConfig({
      XERO_CLIENT_ID: 'id',
      XERO_CLIENT_SECRET: 'secret',
      XERO_REDIRECT_URI: 'https://localhost:3000/auth/xero/callback',
    });
    expect(c.xero?.scopes).toContain('offline_access');
    expect(c.xero?.scopes).toContain('accounting.transactions');
  });
});
