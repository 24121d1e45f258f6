// Start-up shared by every role: validate the config for the role (one message naming every
// bad variable), create the database if missing, apply migrations, build the context.
import { ConfigError, loadConfig, type Config, type Role } from '../config/env.ts';
import { ensureDatabase } from '../db/ensure-database.ts';
import { runMigrations } from '../db/migrate.ts';
import { createLogger, maskUrlCredentials, type Logger } from '../log/logger.ts';
import { createAppContext, type AppContext } from './context.ts';
import { assertJobRegistry } from './job-registry.ts';

/** Exit code for a configuration error (distinct from runtime failures). */
export const EXIT_CONFIG = 78;

export function loadConfigOrExit(role: Role, env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env, role);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`intake ${role}: ${err.message}\n`);
    process.exit(EXIT_CONFIG);
  }
}

export async function migrate(config: Config, logger: Logger): Promise<string[]> {
  if (await ensureDatabase(config.databaseUrl)) {
    logger.info({ database: maskUrlCredentials(config.databaseUrl) }, 'database created');
  }
  return runMigrations(config.databaseUrl, logger);
}

/** Config, migrations, context: what `start`, `worker`, `poller` and `import` begin with. */
export async function bootstrap(role: Role): Promise<AppContext> {
  const config = loadConfigOrExit(role);
  // Every job name has its schema, queue and handler, or nothing starts.
  assertJobRegistry();
  const logger = createLogger({ level: config.logLevel });
  await migrate(config, logger);
  return createAppContext(config, { logger });
}
