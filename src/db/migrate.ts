// Applies migrations/*.sql in name order with node-pg-migrate, on `intake migrate` and at the
// start of every server role. node-pg-migrate holds a PostgreSQL advisory lock for the run; we
// wait for it, so several processes starting together migrate once and the rest find nothing to do.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import type { Logger } from '../log/logger.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function runMigrations(databaseUrl: string, logger: Logger): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'intake-migrate' });
  await client.connect();
  try {
    const log = logger.child({ component: 'migrate' });
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      migrationsTable: 'pgmigrations',
      direction: 'up',
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      log: (msg: string) => log.debug(msg),
      logger: { debug: (m: string) => log.debug(m), info: (m: string) => log.debug(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) },
    });
    const names = applied.map((m) => m.name);
    if (names.length > 0) log.info({ applied: names }, 'migrations applied');
    return names;
  } finally {
    await client.end();
  }
}
