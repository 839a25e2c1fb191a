import crypto from 'node:crypto';
import nock from 'nock';
import request from 'supertest';
import type { testApp } from './helpers';
import { APP, IDENTITY, TENANT } from './xero-harness';
import type { xeroHarness } from './xero-harness';

type Harness = Awaited<ReturnType<typeof xeroHarness>>;

/**
 * Xero's identity service (discovery, keys, the token endpoint for the authorization code) and connections
 * endpoint, stubbed as Xero answers them: the token endpoint checks the PKCE verifier against the challenge the
 * consent URL carried, and the id_token it signs carries that sign-in's nonce.
 */

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...(publicKey.export({ format: 'jwk' }) as Record<string, string>), kid: 'test-key', alg: 'RS256', use: 'sig' };

function idToken(claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${crypto.sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/** The last sign-in started: its PKCE challenge and nonce (Xero's stubbed token endpoint checks and echoes them), and each state's cookie. */
const started = { challenge: '', nonce: '' };
const cookieOfState = new Map<string, string>();

/** Follows the dialog's start: remembers what Xero would, and the cookie the browser would keep. */
export function remember(start: request.Response): string {
  const consent = new URL(start.headers.location as string);
  const state = consent.searchParams.get('state') ?? '';
  started.challenge = consent.searchParams.get('code_challenge') ?? '';
  started.nonce = consent.searchParams.get('nonce') ?? '';
  const setCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []);
  cookieOfState.set(state, setCookie.map((c) => c.split(';')[0]).join('; '));
  return state;
}

/** Xero's redirect back to the callback, in the browser that started the sign-in (its cookie). */
export function callback(app: ReturnType<typeof testApp>['app'], url: string) {
  const state = new URL(url, 'https://x').searchParams.get('state') ?? '';
  const req = request(app).get(url);
  const cookie = cookieOfState.get(state);
  return cookie ? req.set('Cookie', cookie) : req;
}

/** Xero's identity service and connections endpoint (fixed URLs), stubbed as Xero answers them. */
export function stubXeroIdentity(h: Harness, options: { nonce?: () => string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  nock(IDENTITY)
    .persist()
    .get('/.well-known/openid-configuration')
    .reply(200, {
      issuer: IDENTITY,
      authorization_endpoint: 'https://login.xero.com/identity/connect/authorize',
      token_endpoint: `${IDENTITY}/connect/token`,
      jwks_uri: `${IDENTITY}/.well-known/openid-configuration/jwks`,
      revocation_endpoint: `${IDENTITY}/connect/revocation`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
    })
    .get('/.well-known/openid-configuration/jwks')
    .reply(200, { keys: [jwk] });
  nock(IDENTITY)
    .post(
      '/connect/token',
      // PKCE: Xero answers only when the verifier hashes to the challenge the consent URL carried.
      (body: Record<string, string>) =>
        body.grant_type === 'authorization_code' &&
        body.code === 'the-code' &&
        crypto
          .createHash('sha256')
          .update(body.code_verifier ?? '')
          .digest('base64url') === started.challenge,
    )
    .reply(200, () => {
      h.standIn.issueToken('access-signin', h.clock.now() + 1800_000);
      return {
        access_token: 'access-signin',
        refresh_token: 'refresh-signin',
        expires_in: 1800,
        token_type: 'Bearer',
        scope: APP.scopes,
        id_token: idToken({
          iss: IDENTITY,
          aud: APP.clientId,
          sub: 'user-sub',
          xero_userid: 'xu-1',
          given_name: 'Ada',
          family_name: 'Lovelace',
          email: 'ada@example.com',
          nonce: options.nonce ? options.nonce() : started.nonce,
          iat: now,
          exp: now + 300,
        }),
      };
    });
  nock('https://api.xero.com')
    .get('/connections')
    .reply(200, [
      {
        id: 'conn-1',
        tenantId: TENANT,
        tenantType: 'ORGANISATION',
        tenantName: 'Stand-in Org Ltd',
        createdDateUtc: '2026-11-01T09:00:00',
        updatedDateUtc: '2026-11-01T09:00:00',
      },
    ]);
}
