// `intake migrate`: create the database if missing and apply pending migrations.
import { loadConfigOrExit, migrate } from '../../app/bootstrap.ts';
import { createLogger } from '../../log/logger.ts';

export async function runMigrate(): Promise<number> {
  const config = loadConfigOrExit('migrate');
  const logger = createLogger({ level: config.logLevel });
  const applied = await migrate(config, logger);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  return 0;
}
