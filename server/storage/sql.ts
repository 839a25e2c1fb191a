import type { Db } from './db';

/** A row of an answer, by column name. */
export type SqlRow = Record<string, unknown>;

/** What a statement changed. */
export type SqlResult = { changes: number };

/** The statements a store runs: the same SQL on SQLite and PostgreSQL, parameters as `?` in order. */
export type SqlRunner = {
  all<T extends SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T extends SqlRow>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<SqlResult>;
};

/**
 * One store behind the proxy's state, whichever database holds it: SQLite (one process, the default) or PostgreSQL
 * (`DATABASE_URL`, several processes). `transaction` runs `work` as one transaction (on PostgreSQL on one connection
 * of the pool); whatever it throws rolls it back.
 */
export type SqlStore = SqlRunner & {
  readonly kind: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Takes the named lock for the caller, across every process on this store, or answers null when another holds
   * it. It is held until the returned release, or until the process holding it ends (a killed proxy frees its
   * locks at once).
   */
  lock(name: string): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
};

/** The SQLite store (better-sqlite3, synchronous underneath) behind the same promises. */
export function sqliteStore(db: Db): SqlStore {
  const runner: SqlRunner = {
    all: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as T[],
    get: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly unknown[] = []) => ({ changes: db.prepare(sql).run(...params).changes }),
  };
  let depth = 0;
  // One proxy per SQLite file (the file is locked to it), so its locks are this process's.
  const held = new Set<string>();
  return {
    kind: 'sqlite',
    ...runner,
    // The work's statements run between BEGIN IMMEDIATE and COMMIT; being synchronous underneath, they cannot interleave
    // with another request's unless the work awaits something else, which store code does not.
    async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
      if (depth > 0) return work(runner);
      db.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const result = await work(runner);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      } finally {
        depth--;
      }
    },
    lock: async (name: string) => {
      if (held.has(name)) return null;
      held.add(name);
      return async () => {
        held.delete(name);
      };
    },
    close: async () => {
      db.close();
    },
  };
}
