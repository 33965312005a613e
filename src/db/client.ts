import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { ensurePgliteCluster } from './pglite-initdb.ts';
import * as schema from './schema/index.ts';

/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A drizzle transaction, as handed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DatabaseHandle =
  | { kind: 'pglite'; db: Db; pglite: PGlite; dataDir: string; storageProblem(): string | undefined; close(): Promise<void> }
  | { kind: 'postgres'; db: Db; sql: postgres.Sql; url: string; storageProblem(): string | undefined; close(): Promise<void> };

export type OpenDatabaseOptions = { databaseUrl?: string; dataDir: string; poolSize?: number };

/** Opens PGlite under the data-dir lock, or a postgres.js pool when a URL is given. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

/**
 * PGlite's buffer cache lives in its WebAssembly memory, which never shrinks: at the default
 * 128MB it alone kept the idle service ~100 MB over its memory target. One user's library and
 * job queue fit in far less; what does not stay cached is re-read from the OS page cache.
 */
const PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  try {
    const pgdata = join(resolve(dataDir), 'pglite');
    await ensurePgliteCluster(pgdata);
    const pglite = new PGlite(pgdata, {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    await pglite.waitReady;
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      pglite,
      dataDir,
      // PGlite keeps writing into files it has open even when the folder was deleted: nothing
      // written then survives, so the lock file (and the folder) must still be there and ours.
      storageProblem: () => lock.problem() ?? (existsSync(pgdata) ? undefined : `the database folder ${pgdata} is gone`),
      async close() {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const sql = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // Fail fast while the server is down so /readyz and webhooks answer 503 promptly.
    connect_timeout: 5,
    idle_timeout: 60,
    // postgres.js counts failed connects across the whole pool until one succeeds, and its default
    // reconnect delay grows with that count to 10–20 s within seconds of an outage: requests then
    // wait that long for their 503, and the service needs as long to notice the server is back.
    // A short fixed delay keeps both prompt (a refused connect costs next to nothing).
    backoff: () => 0.1 + Math.random() * 0.2,
  });
  const db = drizzlePostgres(preparedStatements(sql), { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    sql,
    url,
    storageProblem: () => undefined,
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * drizzle runs every query through postgres.js `unsafe(…, { prepare: false })`: an unnamed
 * statement, which postgres.js describes first and binds after, so each statement costs two round
 * trips and Postgres parses and plans it every time (pg-boss's 3 KB job insert took ~0.9 ms to
 * plan). Named statements, cached per connection, take one round trip and are planned once: a
 * webhook went from 8 round trips to 5. Queries without parameters keep the simple protocol
 * (multi-statement migrations). Transactions and savepoints hand out a wrapped client too.
 */
function preparedStatements(sql: postgres.Sql): postgres.Sql {
  type Callback = (client: postgres.Sql) => unknown;
  const wrapScope = (open: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
    const callback = args.pop() as Callback;
    return open(...args, (client: postgres.Sql) => callback(preparedStatements(client)));
  };
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'unsafe') {
        return (query: string, args?: unknown[], options?: object) =>
          target.unsafe(query, args as postgres.ParameterOrJSON<never>[] | undefined, { ...options, prepare: true });
      }
      if ((property === 'begin' || property === 'savepoint') && typeof value === 'function') {
        return wrapScope(value as (...args: unknown[]) => unknown);
      }
      return value;
    },
  });
}

/** Rows of a raw `db.execute()` result: PGlite returns `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
