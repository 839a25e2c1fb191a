import crypto from 'node:crypto';
import type { XeroClient } from 'xero-node';
import type { Organisation } from '../../core/domain';
import type { SecretBox } from '../security/secret-box';
import type { SqlStore } from '../storage/sql';
import { parseXeroRejection, XeroError } from './errors';
import type { Clock } from './limiter';
import { systemClock } from './limiter';
import { xeroNode } from './xero-node';

export type XeroAppConfig = { clientId: string; clientSecret: string; redirectUri: string; scopes: string };

/** The endpoints whose pages the gateway reads as text (server/xero/gateway.ts). */
const LARGE_READS = /\/(Invoices|CreditNotes|Payments|Overpayments|Prepayments|Contacts)(\?|$)/;
/** The parts of an OAuth token set the proxy keeps (sealed at rest, never sent to the pane or logged). */
export type StoredTokenSet = {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  token_type?: string;
  scope?: string;
  id_token?: string;
};

export type ConnectionStatus = 'ok' | 'reconnect_needed';

export type ConnectionOptions = {
  clock?: Clock;
  /** Points every client's Accounting API somewhere else (a local Xero stand-in, or Prism in contract tests). */
  apiBasePath?: string;
  /** Refresh this many seconds before the access token expires. */
  refreshMarginSeconds?: number;
};

/**
 * Xero connections: one XeroClient per connection, never shared between users; token sets sealed with
 * AES-256-GCM; refresh single-flight per connection, in this process and across the proxies on one store (many
 * concurrent requests on an expired token cause exactly one refresh, and every one of them gets the rotated token).
 */
export class XeroConnections {
  private readonly clients = new Map<string, XeroClient>();
  private readonly refreshing = new Map<string, Promise<XeroClient>>();
  private readonly clock: Clock;
  readonly refreshCount = new Map<string, number>();

  constructor(
    private readonly store: SqlStore,
    private readonly box: SecretBox,
    private readonly app: XeroAppConfig,
    private readonly options: ConnectionOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    // Loaded now, at start, rather than by the first request that needs a client (see ./xero-node.ts).
    xeroNode();
  }

  /** A new XeroClient for this app, as used for sign-in and for each connection. */
  /** The scopes this app asks Xero for, as one space-separated string. */
  get scopes(): string {
    return this.app.scopes.split(/\s+/).filter(Boolean).join(' ');
  }

  newClient(state?: string): XeroClient {
    const client = new (xeroNode().XeroClient)({
      clientId: this.app.clientId,
      clientSecret: this.app.clientSecret,
      redirectUris: [this.app.redirectUri],
      scopes: this.app.scopes.split(/\s+/).filter(Boolean),
      ...(state ? { state } : {}),
      httpTimeout: 10_000,
    });
    if (this.options.apiBasePath) client.accountingApi.basePath = this.options.apiBasePath;
    // Reads of the large tables keep Xero's JSON as text, which the gateway parses itself: xero-node would otherwise
    // run its ObjectSerializer over every page (about 8 s per 100,000 invoices, on the event loop) for models nothing
    // here uses. Writes, and the reads xero-node itself makes use of (the organisation at sign-in), are left as they are.
    client.accountingApi.setDefaultAuthentication({
      applyToRequest: (options) => {
        if ((options.method ?? 'GET').toUpperCase() === 'GET' && LARGE_READS.test(options.url ?? '')) options.transformResponse = [(data: unknown) => data];
      },
    });
    return client;
  }

  async create(tokenSet: StoredTokenSet, userName: string, xeroUserId: string | null, organisations: Organisation[]): Promise<string> {
    const id = crypto.randomUUID();
    const now = new Date(this.clock.now()).toISOString();
    await this.store.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO xero_connections (id, xero_user_id, user_name, token_set, expires_at, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'ok', ?, ?)`,
        [id, xeroUserId, userName, this.box.seal(JSON.stringify(tokenSet), `xero-connection:${id}`), tokenSet.expires_at, now, now],
      );
      for (const [i, o] of organisations.entries())
        await tx.run('INSERT INTO connection_tenants (connection_id, tenant_id, organisation, position) VALUES (?, ?, ?, ?)', [
          id,
          o.tenantId,
          JSON.stringify(o),
          i,
        ]);
    });
    return id;
  }

  async organisations(connectionId: string): Promise<Organisation[]> {
    const rows = await this.store.all<{ organisation: string }>(
      'SELECT organisation FROM connection_tenants WHERE connection_id = ? ORDER BY position, tenant_id',
      [connectionId],
    );
    return rows.map((r) => JSON.parse(r.organisation) as Organisation);
  }

  /** A connection that reaches the organisation and still works (the one refreshed last), for work no session asked for. */
  async connectionFor(tenantId: string): Promise<string | null> {
    const row = await this.store.get<{ id: string }>(
      `SELECT c.id FROM connection_tenants t JOIN xero_connections c ON c.id = t.connection_id
       WHERE t.tenant_id = ? AND c.status = 'ok' ORDER BY c.updated_at DESC, c.id LIMIT 1`,
      [tenantId],
    );
    return row?.id ?? null;
  }

  async status(connectionId: string): Promise<ConnectionStatus | null> {
    return (await this.store.get<{ status: ConnectionStatus }>('SELECT status FROM xero_connections WHERE id = ?', [connectionId]))?.status ?? null;
  }

  private async tokenSet(connectionId: string): Promise<{ tokens: StoredTokenSet; status: ConnectionStatus }> {
    const row = await this.store.get<{ token_set: string; status: ConnectionStatus }>('SELECT token_set, status FROM xero_connections WHERE id = ?', [
      connectionId,
    ]);
    if (!row) throw new XeroError('unauthorised', 'This Xero connection no longer exists: connect to Xero again', 401);
    let tokens: StoredTokenSet;
    try {
      tokens = JSON.parse(this.box.open(row.token_set, `xero-connection:${connectionId}`)) as StoredTokenSet;
    } catch {
      // Sealed with another key, or damaged: this connection cannot be used, but the user can connect again.
      await this.markReconnectNeeded(connectionId);
      throw new XeroError('invalid_grant', 'This Xero connection cannot be read on this proxy any more: connect to Xero again', 401);
    }
    return { tokens, status: row.status };
  }

  private async saveTokenSet(connectionId: string, tokens: StoredTokenSet): Promise<void> {
    await this.store.run('UPDATE xero_connections SET token_set = ?, expires_at = ?, updated_at = ? WHERE id = ?', [
      this.box.seal(JSON.stringify(tokens), `xero-connection:${connectionId}`),
      tokens.expires_at,
      new Date(this.clock.now()).toISOString(),
      connectionId,
    ]);
  }

  private async markReconnectNeeded(connectionId: string): Promise<void> {
    await this.store.run("UPDATE xero_connections SET status = 'reconnect_needed', updated_at = ? WHERE id = ?", [
      new Date(this.clock.now()).toISOString(),
      connectionId,
    ]);
    this.clients.delete(connectionId);
  }

  /** This process's client for the connection, holding these tokens (another proxy may have rotated them). */
  private clientWith(connectionId: string, tokens: StoredTokenSet): XeroClient {
    let client = this.clients.get(connectionId);
    if (!client) {
      client = this.newClient();
      this.clients.set(connectionId, client);
    }
    if (client.readTokenSet()?.access_token !== tokens.access_token) client.setTokenSet(tokens);
    return client;
  }

  /** The connection's client with an access token that is valid now; refreshes it first when it is about to expire. */
  async client(connectionId: string, options: { forceRefresh?: boolean } = {}): Promise<XeroClient> {
    const pending = this.refreshing.get(connectionId);
    if (pending) return pending;
    const { tokens, status } = await this.tokenSet(connectionId);
    if (status === 'reconnect_needed') {
      throw new XeroError('invalid_grant', 'Xero no longer accepts this connection: connect to Xero again', 401);
    }
    const margin = this.options.refreshMarginSeconds ?? 60;
    if (!options.forceRefresh && tokens.expires_at - margin > this.clock.now() / 1000) return this.clientWith(connectionId, tokens);
    const again = this.refreshing.get(connectionId);
    if (again) return again;
    const refresh = this.refreshOnce(connectionId, tokens).finally(() => this.refreshing.delete(connectionId));
    this.refreshing.set(connectionId, refresh);
    return refresh;
  }

  /**
   * One refresh per expiry across every proxy on the store: under the connection's lock, the token set is read again,
   * and only when no other proxy has rotated it since `seen` is Xero asked; the rotated set is stored before the lock
   * is let go, so a proxy that waited uses it. (Xero's refresh tokens rotate: two refreshes of one would lose one.)
   */
  private async refreshOnce(connectionId: string, seen: StoredTokenSet): Promise<XeroClient> {
    const giveUp = Date.now() + 30_000;
    for (;;) {
      const release = await this.store.lock(JSON.stringify(['xero-refresh', connectionId]));
      if (release) {
        try {
          const { tokens } = await this.tokenSet(connectionId);
          if (tokens.refresh_token !== seen.refresh_token) return this.clientWith(connectionId, tokens);
          return await this.refresh(connectionId, tokens);
        } finally {
          await release();
        }
      }
      // Another proxy is refreshing this connection now (in real time, whatever clock the proxy keeps).
      if (Date.now() > giveUp) throw new XeroError('network', 'Another proxy has been refreshing this Xero connection for 30 s: try again', 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async refresh(connectionId: string, tokens: StoredTokenSet): Promise<XeroClient> {
    const client = this.clients.get(connectionId) ?? this.newClient();
    this.refreshCount.set(connectionId, (this.refreshCount.get(connectionId) ?? 0) + 1);
    let refreshed: Record<string, unknown>;
    try {
      refreshed = (await client.refreshWithRefreshToken(this.app.clientId, this.app.clientSecret, tokens.refresh_token)) as unknown as Record<string, unknown>;
    } catch (rejection) {
      const error = parseXeroRejection(rejection);
      if (error.kind === 'invalid_grant' || error.kind === 'unauthorised') {
        await this.markReconnectNeeded(connectionId);
        throw new XeroError('invalid_grant', 'Xero no longer accepts this connection (it was revoked or unused for 60 days): connect to Xero again', 401);
      }
      throw error;
    }
    const next: StoredTokenSet = {
      access_token: String(refreshed.access_token),
      // Xero rotates refresh tokens: the old one stops working once the new one is issued.
      refresh_token: String(refreshed.refresh_token ?? tokens.refresh_token),
      expires_at: Number(refreshed.expires_at ?? Math.floor(this.clock.now() / 1000) + Number(refreshed.expires_in ?? 1800)),
      ...(refreshed.token_type ? { token_type: String(refreshed.token_type) } : {}),
      ...(refreshed.scope ? { scope: String(refreshed.scope) } : {}),
    };
    await this.saveTokenSet(connectionId, next);
    client.setTokenSet(next);
    this.clients.set(connectionId, client);
    return client;
  }
}
