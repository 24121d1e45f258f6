// One poller per mailbox: a Redis lock with a random token, a TTL and periodic renewal.
// A crashed poller's lock expires after ttlMs, so a standby poller takes over on its own.
// Overlap during a network partition is harmless (ingestion deduplicates on the raw hash),
// but the holder stops as soon as a renewal fails so that the overlap stays short.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type LockOptions = { redisUrl: string; key: string; ttlMs?: number; logger: Logger };

export type HeldLock = {
  /** Resolves when the lock is lost (renewal failed or another holder took it). */
  lost: Promise<void>;
  release(): Promise<void>;
};

export class MailboxLock {
  private readonly redis: Redis;
  private readonly ttlMs: number;
  private readonly token = randomUUID();

  constructor(private readonly opts: LockOptions) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
    this.redis.on('error', (err) => opts.logger.warn({ err }, 'lock redis connection error'));
  }

  /** Waits until the lock is ours or `signal` aborts (then returns null). */
  async acquire(signal: AbortSignal): Promise<HeldLock | null> {
    if (this.redis.status === 'wait') await this.redis.connect();
    let waitingLogged = false;
    while (!signal.aborted) {
      const ok = await this.redis.set(this.opts.key, this.token, 'PX', this.ttlMs, 'NX').catch(() => null);
      if (ok === 'OK') return this.hold();
      if (!waitingLogged) {
        this.opts.logger.info({ key: this.opts.key }, 'another poller holds this mailbox; standing by');
        waitingLogged = true;
      }
      await sleep(Math.max(1000, this.ttlMs / 3), undefined, { signal }).catch(() => undefined);
    }
    return null;
  }

  private hold(): HeldLock {
    let onLost: () => void = () => undefined;
    const lost = new Promise<void>((resolve) => (onLost = resolve));
    const timer = setInterval(
      async () => {
        const renewed = await this.redis.eval(RENEW, 1, this.opts.key, this.token, String(this.ttlMs)).catch(() => 0);
        if (renewed !== 1) {
          clearInterval(timer);
          this.opts.logger.warn({ key: this.opts.key }, 'mailbox lock lost');
          onLost();
        }
      },
      Math.max(500, Math.floor(this.ttlMs / 3)),
    );
    timer.unref();
    return {
      lost,
      release: async () => {
        clearInterval(timer);
        await this.redis.eval(RELEASE, 1, this.opts.key, this.token).catch(() => 0);
      },
    };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
