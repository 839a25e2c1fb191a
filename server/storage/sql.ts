import { AsyncLocalStorage } from 'node:async_hooks';
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
 * `exclusive`: transactions naming the same key run one at a time across every process on the store (on SQLite every
 * transaction already does).
 */
export type TransactionOptions = { exclusive?: string };

/**
 * One store behind the proxy's state, whichever database holds it: SQLite (one process, the default) or PostgreSQL
 * (`DATABASE_URL`, several processes). `transaction` runs `work` as one transaction (on PostgreSQL on one connection
 * of the pool); whatever it throws rolls it back.
 */
export type SqlStore = SqlRunner & {
  readonly kind: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: SqlRunner) => Promise<T>, options?: TransactionOptions): Promise<T>;
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
  const direct: SqlRunner = {
    all: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as T[],
    get: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly unknown[] = []) => ({ changes: db.prepare(sql).run(...params).changes }),
  };
  // One connection for every request: while a transaction is open (its work may await), statements from any other
  // chain of work wait for it to end instead of landing inside it, and transactions run one after another.
  const inTransaction = new AsyncLocalStorage<true>();
  let open = false;
  let tail: Promise<unknown> = Promise.resolve();
  const afterOthers = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  const guarded =
    <A extends unknown[], R>(statement: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      open && !inTransaction.getStore() ? afterOthers(() => statement(...args)) : statement(...args);
  const runner: SqlRunner = { all: guarded(direct.all), get: guarded(direct.get), run: guarded(direct.run) } as SqlRunner;
  // One proxy per SQLite file (the file is locked to it), so its locks are this process's.
  const held = new Set<string>();
  return {
    kind: 'sqlite',
    ...runner,
    transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) return work(direct);
      return afterOthers(() =>
        inTransaction.run(true, async () => {
          db.exec('BEGIN IMMEDIATE');
          open = true;
          try {
            const result = await work(direct);
            db.exec('COMMIT');
            return result;
          } catch (err) {
            db.exec('ROLLBACK');
            throw err;
          } finally {
            open = false;
          }
        }),
      );
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
