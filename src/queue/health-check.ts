// Does Redis answer? One PING on a fresh connection that gives up instead of retrying forever
// (the service's own connections retry; a healthcheck must answer within its time limit).
import { Redis } from 'ioredis';

export async function checkRedis(redisUrl: string, timeoutMs: number): Promise<string> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    connectionName: 'intake-health',
  });
  // ioredis reports the cause (ECONNREFUSED, auth) as an event and rejects with a generic message.
  let cause: Error | undefined;
  redis.on('error', (err: Error) => {
    cause ??= err;
  });
  try {
    await redis.connect().catch((err: Error) => {
      throw cause ?? err;
    });
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`unexpected answer to PING: ${pong}`);
    return 'ok';
  } finally {
    redis.disconnect();
  }
}
