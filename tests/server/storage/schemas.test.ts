import { openDatabase } from '../../../server/storage/db';
import { postgresForTests } from '../../postgres-server';

/**
 * The PostgreSQL schema repeats the SQLite one's shared tables in its own dialect (server/storage/postgres-schema.ts):
 * every table PostgreSQL has, SQLite has with the same columns, each as nullable as the other, so that one store's SQL
 * runs on both — except the pull cache the proxies share, which only PostgreSQL holds (each proxy's copy is SQLite's
 * xero_cache).
 */
const ONLY_IN_POSTGRES = ['xero_shared_cache', 'xero_shared_state'];
const postgres = postgresForTests();

describe('the two schemas', () => {
  it('have the same columns, nullable alike, in every table the proxies share', async () => {
    const pg = await postgres.open();
    if (!pg) return;
    const db = openDatabase(':memory:');
    const columns = await pg.all<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, column_name`,
    );
    const tables = [...new Set(columns.map((c) => c.table_name))].filter((t) => !ONLY_IN_POSTGRES.includes(t));
    expect(columns.filter((c) => ONLY_IN_POSTGRES.includes(c.table_name)).length).toBeGreaterThan(0);
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const table of tables) {
      const inPostgres = columns.filter((c) => c.table_name === table).map((c) => `${c.column_name}${c.is_nullable === 'NO' ? ' not null' : ''}`);
      const inSqlite = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; notnull: number; pk: number }>)
        // SQLite lets a TEXT primary key hold NULL unless told otherwise; PostgreSQL never does.
        .map((c) => `${c.name}${c.notnull || c.pk ? ' not null' : ''}`)
        .sort();
      expect({ table, columns: inSqlite }).toEqual({ table, columns: inPostgres });
    }
    db.close();
  });
});
