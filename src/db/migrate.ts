// Applies migrations/*.sql in name order with node-pg-migrate, on `intake migrate` and at the
// start of every server role. node-pg-migrate holds a PostgreSQL advisory lock for the run; we
// wait for it, so several processes starting together migrate once and the rest find nothing to do.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import type { Logger } from '../log/logger.ts';

/** migrations/ at the project root, found from src/db (sources) or dist/src/db (build) alike. */
export const MIGRATIONS_DIR = findMigrationsDir(dirname(fileURLToPath(import.meta.url)));

function findMigrationsDir(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return join(dir, 'migrations');
  }
  throw new Error(`no migrations/ folder above ${from}`);
}

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
      logger: {
        debug: (m: string) => log.debug(m),
        info: (m: string) => log.debug(m),
        warn: (m: string) => log.warn(m),
        error: (m: string) => log.error(m),
      },
    });
    const names = applied.map((m) => m.name);
    if (names.length > 0) log.info({ applied: names }, 'migrations applied');
    return names;
  } finally {
    await client.end();
  }
}
