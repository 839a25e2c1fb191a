import crypto from 'node:crypto';
import type { Db } from '../storage/db';

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

/** Pane sessions, carried as `Authorization: Bearer <token>` (no cookies: Excel on the web blocks them). */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly days: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  create(kind: Session['kind'], userName: string, tenantIds: string[], connectionId: string | null = null): { token: string; expiresAt: string } {
    const token = crypto.randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.days * 86_400_000).toISOString();
    this.db
      .transaction(() => {
        this.db
          .prepare('INSERT INTO sessions (token_hash, kind, user_name, created_at, expires_at, connection_id) VALUES (?, ?, ?, ?, ?, ?)')
          .run(tokenHash, kind, userName, now.toISOString(), expiresAt, connectionId);
        const link = this.db.prepare('INSERT INTO session_organisations (token_hash, tenant_id) VALUES (?, ?)');
        for (const id of new Set(tenantIds)) link.run(tokenHash, id);
      })
      .immediate();
    return { token, expiresAt };
  }

  /** The live session for a token, or null when unknown, expired or revoked. */
  find(token: string): Session | null {
    const tokenHash = hashToken(token);
    const row = this.db.prepare('SELECT kind, user_name, expires_at, revoked_at, connection_id FROM sessions WHERE token_hash = ?').get(tokenHash) as
      { kind: Session['kind']; user_name: string; expires_at: string; revoked_at: string | null; connection_id: string | null } | undefined;
    if (!row || row.revoked_at !== null || row.expires_at <= this.clock().toISOString()) return null;
    const tenantIds = (
      this.db.prepare('SELECT tenant_id FROM session_organisations WHERE token_hash = ?').all(tokenHash) as {
        tenant_id: string;
      }[]
    ).map((r) => r.tenant_id);
    return { tokenHash, kind: row.kind, userName: row.user_name, expiresAt: row.expires_at, tenantIds, connectionId: row.connection_id };
  }

  revoke(token: string): boolean {
    const result = this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
      .run(this.clock().toISOString(), hashToken(token));
    return result.changes > 0;
  }
}
