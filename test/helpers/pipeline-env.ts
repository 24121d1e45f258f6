// One isolated pipeline for an integration test: its own database (migrated), queue prefix,
// storage directory and IMAP folder on the test Dovecot, with an AppContext over them.
// `cleanup()` drops all of it.
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { migrate } from '../../src/app/bootstrap.ts';
import { createAppContext, type AppContext } from '../../src/app/context.ts';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { createLogger } from '../../src/log/logger.ts';
import { clearRedisPrefix, createTestDatabase, ensureDovecot, redisUrl, tempDir, type DovecotEnv } from './services.ts';

export type PipelineEnv = {
  id: string;
  folder: string;
  dovecot: DovecotEnv;
  config: Config;
  app: AppContext;
  /** Direct SQL for assertions (tests only; the code under test goes through repositories). */
  sql: pg.Pool;
  /** A second IMAP connection playing the mail server's other clients (APPEND, STATUS). */
  openImap(): Promise<ImapFlow>;
  cleanup(): Promise<void>;
};

export async function createPipelineEnv(id: string, env: Record<string, string> = {}): Promise<PipelineEnv> {
  const dovecot = ensureDovecot();
  const db = await createTestDatabase(id);
  const storage = tempDir(`intake-${id}`);
  const folder = env.IMAP_FOLDER ?? `it-${id}`;
  const config = loadConfig(
    {
      IMAP_HOST: dovecot.IMAP_HOST,
      IMAP_PORT: dovecot.IMAP_PORT,
      IMAP_TLS: 'false',
      IMAP_USER: dovecot.IMAP_USER,
      IMAP_PASS: dovecot.IMAP_PASS,
      IMAP_FOLDER: folder,
      POLL_INTERVAL_SECONDS: '5',
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl(),
      QUEUE_PREFIX: id,
      STORAGE_DIR: storage.path,
      WORKER_CONCURRENCY: '4',
      LOG_LEVEL: 'error',
      ...env,
    },
    'start',
  );
  const logger = createLogger({ level: config.logLevel });
  await migrate(config, logger);
  const app = createAppContext(config, { logger });
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  // Dropping the database at cleanup may reach a connection the pool is still closing: not an error here.
  sql.on('connect', (client) => client.on('error', () => undefined));
  sql.on('error', () => undefined);
  const clients: ImapFlow[] = [];
  const openImap = async () => {
    const c = new ImapFlow({
      host: dovecot.IMAP_HOST,
      port: Number(dovecot.IMAP_PORT),
      secure: false,
      auth: { user: dovecot.IMAP_USER, pass: dovecot.IMAP_PASS },
      logger: false,
    });
    c.on('error', () => undefined);
    await c.connect();
    clients.push(c);
    return c;
  };
  const admin = await openImap();
  await admin.mailboxCreate(folder);
  return {
    id,
    folder,
    dovecot,
    config,
    app,
    sql,
    openImap,
    async cleanup() {
      await app.close().catch(() => undefined);
      await sql.end().catch(() => undefined);
      const c = await openImap().catch(() => null);
      if (c) {
        for (const f of [folder, config.imap.moveTo].filter(Boolean) as string[]) await c.mailboxDelete(f).catch(() => undefined);
      }
      for (const x of clients) await x.logout().catch(() => x.close());
      await db.drop().catch(() => undefined);
      await clearRedisPrefix(id).catch(() => undefined);
      storage.remove();
    },
  };
}
