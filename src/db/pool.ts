// The one PostgreSQL pool of a process. Only src/db/* imports pg (house rule): everything else
// goes through the repositories.
import pg from 'pg';
import type { Logger } from '../log/logger.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export function createPool(databaseUrl: string, logger?: Logger, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, application_name: 'intake' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => logger?.warn({ err }, 'idle PostgreSQL client failed'));
  // pg-pool listens for errors only while a client is idle. A checked-out client that sits between
  // queries (the per-message lock connection while an email parses, a transaction between
  // statements) and loses its server (PostgreSQL stopped or restarted) would emit an unhandled
  // 'error' and kill the whole worker. With this listener the error is logged, the client's next
  // query fails, the run retries, and the release discards the broken client.
  pool.on('connect', (client) => client.on('error', (err) => logger?.warn({ err }, 'PostgreSQL connection lost while in use')));
  return pool;
}

/** Runs fn in one transaction; rolls back on any throw and rethrows. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
