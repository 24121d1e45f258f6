// ioredis connections for BullMQ. maxRetriesPerRequest must be null for BullMQ's blocking
// commands: a Redis restart then stalls workers until it is back instead of failing jobs.
import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';

export function createRedis(url: string, logger?: Logger, name = 'intake'): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
  redis.on('error', (err) => logger?.warn({ err }, 'Redis connection error'));
  return redis;
}
