import crypto from 'node:crypto';
import type { Organisation } from '../../core/domain';
import { AppError } from '../errors';
import type { Db } from '../storage/db';
import type { XeroConnections } from './connections';
import { parseXeroRejection } from './errors';
import type { Clock } from './limiter';
import { systemClock } from './limiter';
import { normaliseOrganisation } from './normalise';

const STATE_MINUTES = 10;

export type SignedIn = { connectionId: string; userName: string; organisations: Organisation[] };

/**
 * Xero sign-in with the authorization-code flow through xero-node's XeroClient: a fresh random
 * `state` per sign-in (only its hash is stored; it can be used once, within 10 minutes), the code
 * exchanged for a token set, and the connection's tenants read with the new access token.
 */
export class XeroSignIn {
  constructor(
    private readonly db: Db,
    private readonly connections: XeroConnections,
    private readonly clock: Clock = systemClock,
  ) {}

  private hash(state: string): string {
    return crypto.createHash('sha256').update(state).digest('hex');
  }

  /** The URL of Xero's consent page for a new sign-in. */
  async start(): Promise<string> {
    const state = crypto.randomBytes(24).toString('base64url');
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO oauth_states (state_hash, created_at, expires_at) VALUES (?, ?, ?)')
      .run(this.hash(state), new Date(now).toISOString(), new Date(now + STATE_MINUTES * 60_000).toISOString());
    this.db.prepare('DELETE FROM oauth_states WHERE expires_at < ?').run(new Date(now - 86_400_000).toISOString());
    try {
      return await this.connections.newClient(state).buildConsentUrl();
    } catch (err) {
      throw new AppError('xero_unavailable', `Xero's sign-in service could not be reached: ${(err as Error).message}`);
    }
  }

  /** Checks the state (missing, unknown, reused or expired are refused), then completes the sign-in. */
  async finish(query: Record<string, unknown>, redirectUri: string): Promise<SignedIn> {
    const state = typeof query.state === 'string' ? query.state : '';
    if (!state) throw new AppError('bad_request', 'The sign-in answer carries no state: start the sign-in again from the pane');
    const now = new Date(this.clock.now()).toISOString();
    const claimed = this.db
      .prepare('UPDATE oauth_states SET used_at = ? WHERE state_hash = ? AND used_at IS NULL AND expires_at > ?')
      .run(now, this.hash(state), now);
    if (claimed.changes !== 1) {
      throw new AppError(
        'bad_request',
        'This sign-in link is not one this proxy started, was already used, or has expired: start the sign-in again from the pane',
      );
    }
    if (typeof query.error === 'string') {
      throw new AppError('forbidden', `Xero did not grant access (${query.error}): start the sign-in again and allow access`);
    }
    if (typeof query.code !== 'string' || !query.code) throw new AppError('bad_request', 'The sign-in answer carries no code: start the sign-in again');

    const client = this.connections.newClient(state);
    const params = new URLSearchParams();
    for (const key of ['code', 'state', 'scope', 'session_state']) if (typeof query[key] === 'string') params.set(key, query[key] as string);
    let tokenSet;
    try {
      tokenSet = await client.apiCallback(`${redirectUri}?${params.toString()}`);
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
    const connectionId = this.connections.create(
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
