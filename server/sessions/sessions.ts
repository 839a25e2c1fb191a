import crypto from 'node:crypto';
import type { SqlStore } from '../storage/sql';

export type Session = {
  tokenHash: string;
  kind: 'demo' | 'xero';
  userName: string;
  expiresAt: string;
  tenantIds: string[];
  /** The Xero connection behind a Xero session; null for a demo session. */
  connectionId: string | null;
};

/** Only a SHA-256 hash of a session token is stored; the token itself lives in the pane alone. */
function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

type SessionRow = { kind: Session['kind']; user_name: string; expires_at: string; revoked_at: string | null; connection_id: string | null };

/**
 * Pane sessions, carried as `Authorization: Bearer <token>` (no cookies: Excel on the web blocks them), in the proxy's
 * store: SQLite, or PostgreSQL shared by several proxies, where a session made on one is valid on all and signing
 * out on one ends it on all.
 */
export class SessionStore {
  constructor(
    private readonly store: SqlStore,
    private readonly days: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    kind: Session['kind'],
    userName: string,
    tenantIds: string[],
    connectionId: string | null = null,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.days * 86_400_000).toISOString();
    await this.store.transaction(async (tx) => {
      await tx.run('INSERT INTO sessions (token_hash, kind, user_name, created_at, expires_at, connection_id) VALUES (?, ?, ?, ?, ?, ?)', [
        tokenHash,
        kind,
        userName,
        now.toISOString(),
        expiresAt,
        connectionId,
      ]);
      for (const id of new Set(tenantIds)) await tx.run('INSERT INTO session_organisations (token_hash, tenant_id) VALUES (?, ?)', [tokenHash, id]);
    });
    return { token, expiresAt };
  }

  /** The live session for a token, or null when unknown, expired or revoked. */
  async find(token: string): Promise<Session | null> {
    const tokenHash = hashToken(token);
    const row = await this.store.get<SessionRow>('SELECT kind, user_name, expires_at, revoked_at, connection_id FROM sessions WHERE token_hash = ?', [
      tokenHash,
    ]);
    if (!row || row.revoked_at !== null || row.expires_at <= this.clock().toISOString()) return null;
    const links = await this.store.all<{ tenant_id: string }>('SELECT tenant_id FROM session_organisations WHERE token_hash = ? ORDER BY tenant_id', [
      tokenHash,
    ]);
    return {
      tokenHash,
      kind: row.kind,
      userName: row.user_name,
      expiresAt: row.expires_at,
      tenantIds: links.map((r) => r.tenant_id),
      connectionId: row.connection_id,
    };
  }

  async revoke(token: string): Promise<boolean> {
    const result = await this.store.run('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', [
      this.clock().toISOString(),
      hashToken(token),
    ]);
    return result.changes > 0;
  }
}
