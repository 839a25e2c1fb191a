import type { Pool, PoolClient } from 'pg';
import type { SqlResult, SqlRow, SqlRunner, SqlStore, TransactionOptions } from './sql';
import { postgresMigrations } from './postgres-schema';

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the store's SQL has no `?` inside strings). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function runnerOf(client: Pick<Pool | PoolClient, 'query'>): SqlRunner {
  const all = async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), params as unknown[])).rows as T[];
  return {
    all,
    get: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> => (await all<T>(sql, params))[0],
    run: async (sql: string, params: readonly unknown[] = []): Promise<SqlResult> => ({
      changes: (await client.query(numbered(sql), params as unknown[])).rowCount ?? 0,
    }),
  };
}

/** Migrations already run, by number; a lock keeps two proxies starting at once from running one twice. */
async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One proxy migrates at a time (a transaction-scoped advisory lock, released at COMMIT).
    await client.query('SELECT pg_advisory_xact_lock(4711)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    if (done.size > postgresMigrations.length) {
      throw new Error(`The database was written by a newer Xero Bridge (schema ${done.size}, this one knows ${postgresMigrations.length})`);
    }
    for (const [i, sql] of postgresMigrations.entries()) {
      if (done.has(i + 1)) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [i + 1, new Date().toISOString()]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** Opens (and migrates) the PostgreSQL store at `url` (DATABASE_URL): a pool of connections shared by the proxy's requests. */
export async function openPostgres(url: string, options: { max?: number; locks?: number } = {}): Promise<SqlStore> {
  // pg is loaded only by a proxy that uses PostgreSQL (about 30 ms of every start otherwise).
  const pg = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // Held locks keep their connections (see `lock`), so they come from a pool of their own: work done while holding a
  // lock (an apply, a token refresh) then never waits for a connection that another lock's holder keeps.
  const locks = new pg.Pool({ connectionString: url, max: options.locks ?? 20 });
  // A connection the server drops (a restart) is an error on the idle pool: it is replaced on the next query.
  pool.on('error', () => undefined);
  locks.on('error', () => undefined);
  await migrate(pool);
  return {
    kind: 'postgres',
    ...runnerOf(pool),
    async transaction<T>(work: (tx: SqlRunner) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Released at COMMIT or ROLLBACK; seed 1 keeps these keys apart from `lock`'s.
        if (options.exclusive !== undefined) await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [options.exclusive]);
        const result = await work(runnerOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    // A session-level advisory lock on a connection of its own, kept out of the pool while held: PostgreSQL frees it
    // when that connection closes, so a proxy that dies mid-batch leaves its key to the next one at once.
    async lock(name: string) {
      const client = await locks.connect();
      try {
        const taken = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [name]);
        if (!taken.rows[0]?.ok) {
          client.release();
          return null;
        }
      } catch (err) {
        client.release();
        throw err;
      }
      return async () => {
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
        } finally {
          client.release();
        }
      };
    },
    close: async () => {
      await Promise.all([pool.end(), locks.end()]);
    },
  };
}
