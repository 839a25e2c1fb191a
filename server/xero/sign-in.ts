import crypto from 'node:crypto';
import type { Organisation } from '../../core/domain';
import { AppError } from '../errors';
import type { SqlStore } from '../storage/sql';
import type { XeroConnections } from './connections';
import { parseXeroRejection } from './errors';
import type { Clock } from './limiter';
import { systemClock } from './limiter';
import { normaliseOrganisation } from './normalise';

const STATE_MINUTES = 10;

export type SignedIn = { connectionId: string; userName: string; organisations: Organisation[] };

/** What the sign-in dialog is sent to, and the secret its browser keeps (a cookie) to finish the same sign-in. */
export type SignInStart = { url: string; browser: string };

const random = () => crypto.randomBytes(32).toString('base64url');

/**
 * Xero sign-in with the authorization-code flow through xero-node's XeroClient (and its OpenID client): a fresh
 * random `state` per sign-in (only its hash is stored; it can be used once, within 10 minutes), PKCE (S256), an
 * OpenID nonce checked in the id_token, and a secret kept by the dialog's browser (a cookie) without which the
 * callback is refused, so that a sign-in started by someone else cannot be finished in this browser. The code is
 * exchanged for a token set, and the connection's tenants read with the new access token.
 */
export class XeroSignIn {
  constructor(
    private readonly store: SqlStore,
    private readonly connections: XeroConnections,
    private readonly clock: Clock = systemClock,
  ) {}

  private hash(state: string): string {
    return crypto.createHash('sha256').update(state).digest('hex');
  }

  /** The URL of Xero's consent page for a new sign-in, and the secret the dialog's browser must bring back. */
  async start(redirectUri: string): Promise<SignInStart> {
    const state = crypto.randomBytes(24).toString('base64url');
    const [codeVerifier, nonce, browser] = [random(), random(), random()];
    const now = this.clock.now();
    await this.store.run('INSERT INTO oauth_states (state_hash, created_at, expires_at, code_verifier, nonce, browser_hash) VALUES (?, ?, ?, ?, ?, ?)', [
      this.hash(state),
      new Date(now).toISOString(),
      new Date(now + STATE_MINUTES * 60_000).toISOString(),
      codeVerifier,
      nonce,
      this.hash(browser),
    ]);
    await this.store.run('DELETE FROM oauth_states WHERE expires_at < ?', [new Date(now - 86_400_000).toISOString()]);
    try {
      const client = await this.connections.newClient(state).initialize();
      const url = client.openIdClient.authorizationUrl({
        redirect_uri: redirectUri,
        scope: this.connections.scopes,
        state,
        nonce,
        code_challenge: crypto.createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      });
      return { url, browser };
    } catch (err) {
      throw new AppError('xero_unavailable', `Xero's sign-in service could not be reached: ${(err as Error).message}`);
    }
  }

  /**
   * Checks the state (missing, unknown, reused or expired are refused) and that this browser started it, then
   * completes the sign-in with the state's PKCE verifier and nonce.
   */
  async finish(query: Record<string, unknown>, redirectUri: string, browser: string | null): Promise<SignedIn> {
    const state = typeof query.state === 'string' ? query.state : '';
    if (!state) throw new AppError('bad_request', 'The sign-in answer carries no state: start the sign-in again from the pane');
    const now = new Date(this.clock.now()).toISOString();
    // One atomic claim, whichever proxy the callback reaches: a state is used once.
    const claimed = await this.store.get<{ code_verifier: string | null; nonce: string | null; browser_hash: string | null }>(
      'UPDATE oauth_states SET used_at = ? WHERE state_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING code_verifier, nonce, browser_hash',
      [now, this.hash(state), now],
    );
    if (!claimed) {
      throw new AppError(
        'bad_request',
        'This sign-in link is not one this proxy started, was already used, or has expired: start the sign-in again from the pane',
      );
    }
    if (!browser || !claimed.browser_hash || this.hash(browser) !== claimed.browser_hash || !claimed.code_verifier || !claimed.nonce) {
      throw new AppError('bad_request', 'This sign-in was started in another window or browser: start the sign-in again from the pane');
    }
    if (typeof query.error === 'string') {
      throw new AppError('forbidden', `Xero did not grant access (${query.error}): start the sign-in again and allow access`);
    }
    if (typeof query.code !== 'string' || !query.code) throw new AppError('bad_request', 'The sign-in answer carries no code: start the sign-in again');

    const client = await this.connections.newClient(state).initialize();
    const params: Record<string, string> = {};
    for (const key of ['code', 'state', 'scope', 'session_state']) if (typeof query[key] === 'string') params[key] = query[key] as string;
    let tokenSet;
    try {
      const checks = { state, nonce: claimed.nonce, code_verifier: claimed.code_verifier };
      // With the openid scope the id_token is checked too (signature, audience, and this sign-in's nonce).
      tokenSet = this.connections.scopes.split(' ').includes('openid')
        ? await client.openIdClient.callback(redirectUri, params, checks)
        : await client.openIdClient.oauthCallback(redirectUri, params, checks);
      client.setTokenSet(tokenSet);
    } catch (err) {
      throw new AppError('forbidden', `Xero did not complete the sign-in: ${(err as Error).message ?? 'unknown error'}`);
    }
    let tenants: Array<{ tenantId: string; tenantType?: string; orgData?: Parameters<typeof normaliseOrganisation>[0] }>;
    try {
      tenants = (await client.updateTenants(true)) as typeof tenants;
    } catch (rejection) {
      throw parseXeroRejection(rejection);
    }
    const organisations = tenants
      .filter((t) => (t.tenantType ?? 'ORGANISATION') === 'ORGANISATION' && t.orgData)
      .map((t) => normaliseOrganisation(t.orgData!, 'xero'));
    const claims = (tokenSet.claims?.() ?? {}) as Record<string, unknown>;
    const userName =
      [claims.given_name, claims.family_name].filter((v) => typeof v === 'string' && v).join(' ') ||
      (typeof claims.email === 'string' ? claims.email : 'Xero user');
    const xeroUserId = typeof claims.xero_userid === 'string' ? claims.xero_userid : typeof claims.sub === 'string' ? claims.sub : null;
    const connectionId = await this.connections.create(
      {
        access_token: String(tokenSet.access_token),
        refresh_token: String(tokenSet.refresh_token),
        expires_at: Number(tokenSet.expires_at ?? Math.floor(this.clock.now() / 1000) + 1800),
        ...(tokenSet.token_type ? { token_type: String(tokenSet.token_type) } : {}),
        ...(tokenSet.scope ? { scope: String(tokenSet.scope) } : {}),
      },
      userName,
      xeroUserId,
      organisations,
    );
    return { connectionId, userName, organisations };
  }
}
