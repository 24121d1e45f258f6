// Everything a role needs, built once from the validated config and closed once on shutdown.
import type { Redis } from 'ioredis';
import { campaignWithDeadline, type Campaign } from '../campaign/campaign.ts';
import type { Config } from '../config/env.ts';
import { createPool, type Pool } from '../db/pool.ts';
import { createRepos, type Repos } from '../db/repos.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { createQueues, type Queues } from '../queue/queues.ts';
import { createRedis } from '../queue/redis.ts';
import { createBlobStore, type BlobStore } from '../store/blob-store.ts';

export type AppContext = {
  config: Config;
  logger: Logger;
  campaign: Campaign;
  pool: Pool;
  repos: Repos;
  store: BlobStore;
  /** Connection for queues (producers). Workers open their own (BullMQ duplicates it). */
  redis: Redis;
  queues: Queues;
  close(): Promise<void>;
};

export function createAppContext(config: Config, opts: { logger?: Logger } = {}): AppContext {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const pool = createPool(config.databaseUrl, logger.child({ component: 'db' }), Math.max(10, config.workerConcurrency + 4));
  const redis = createRedis(config.redisUrl, logger.child({ component: 'redis' }));
  const queues = createQueues(redis, config.queuePrefix);
  let closed = false;
  return {
    config,
    logger,
    campaign: campaignWithDeadline(config.deadline),
    pool,
    repos: createRepos(pool),
    store: createBlobStore(config.storageDir),
    redis,
    queues,
    async close() {
      if (closed) return;
      closed = true;
      await queues.close().catch((err) => logger.warn({ err }, 'closing queues failed'));
      await redis.quit().catch(() => redis.disconnect());
      await pool.end().catch((err) => logger.warn({ err }, 'closing the database pool failed'));
    },
  };
}
