// One isolated pipeline without IMAP for an integration test: its own migrated database, queue
// prefix and storage directory on the machine's real PostgreSQL and Redis, with an AppContext over
// them. `env` holds the same settings for spawning the CLI. `cleanup()` drops all of it.
import pg from 'pg';
import { migrate } from '../../src/app/bootstrap.ts';
import { createAppContext, type AppContext } from '../../src/app/context.ts';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { createLogger } from '../../src/log/logger.ts';
import { clearRedisPrefix, createTestDatabase, redisUrl, tempDir, uniqueId } from './services.ts';

export type ImportEnv = {
  id: string;
  env: Record<string, string>;
  config: Config;
  app: AppContext;
  /** Direct SQL for assertions (tests only; the code under test goes through repositories). */
  sql: pg.Pool;
  cleanup(): Promise<void>;
};

export type ImportEnvOptions = {
  /** Rewrites the database URL the app uses (e.g. through a fault test's TCP proxy); `sql` stays direct. */
  appDatabaseUrl?: (url: string) => string;
};

export async function createImportEnv(label: string, extra: Record<string, string> = {}, opts: ImportEnvOptions = {}): Promise<ImportEnv> {
  const id = uniqueId(label);
  const db = await createTestDatabase(id);
  const storage = tempDir(`intake-${id}`);
  const appDb = opts.appDatabaseUrl ? opts.appDatabaseUrl(db.url) : db.url;
  const env = { DATABASE_URL: appDb, REDIS_URL: redisUrl(), QUEUE_PREFIX: id, STORAGE_DIR: storage.path, LOG_LEVEL: 'warn', ...extra };
  const config = loadConfig(env, 'import');
  // Quiet by default (some tests log expected errors); TEST_LOG_LEVEL=debug shows everything.
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'fatal' });
  await migrate(config, logger);
  const app = createAppContext(config, { logger });
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  // Dropping the database at cleanup may reach a connection the pool is still closing: not an error here.
  sql.on('connect', (client) => client.on('error', () => undefined));
  sql.on('error', () => undefined);
  return {
    id,
    env,
    config,
    app,
    sql,
    async cleanup() {
      await app.close().catch(() => undefined);
      await sql.end().catch(() => undefined);
      await clearRedisPrefix(id).catch(() => undefined);
      await db.drop().catch(() => undefined);
      storage.remove();
    },
  };
}
