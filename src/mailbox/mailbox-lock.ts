// One poller per mailbox: a Redis lock with a token naming its holder, a TTL and periodic renewal.
// A crashed poller's lock expires after ttlMs, so a standby poller takes over on its own; a poller
// restarted on the same machine (the usual case after a crash or `kill -9`) sees that the holder's
// process is gone and takes the lock at once instead of waiting out the TTL.
// Overlap during a network partition is harmless (ingestion deduplicates on the raw hash),
// but the holder stops as soon as a renewal fails so that the overlap stays short.
import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const TAKE_OVER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) else return false end`;
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
  private readonly token = `${hostname()} ${pidNamespace()} ${process.pid} ${randomUUID()}`;

  constructor(private readonly opts: LockOptions) {
    // Renewed every ttl/3: a live holder keeps it through two missed renewals (a busy event loop,
    // a Redis blip); a dead one on another machine is replaced within the TTL.
    this.ttlMs = opts.ttlMs ?? 15_000;
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
      if (await this.takeOverFromDeadHolder()) return this.hold();
      if (!waitingLogged) {
        this.opts.logger.info({ key: this.opts.key }, 'another poller holds this mailbox; standing by');
        waitingLogged = true;
      }
      await sleep(Math.min(1000, this.ttlMs / 3), undefined, { signal }).catch(() => undefined);
    }
    return null;
  }

  /**
   * The holder ran on this machine, in this PID namespace, and its process no longer exists: it
   * died without releasing (kill -9, OOM). Swapped only if the lock still names that holder.
   * A PID reused by another process just means waiting for the TTL, never two holders.
   */
  private async takeOverFromDeadHolder(): Promise<boolean> {
    const holder = await this.redis.get(this.opts.key).catch(() => null);
    if (!holder) return false;
    const [host, ns, pid] = holder.split(' ');
    const [myHost, myNs] = this.token.split(' ');
    if (host !== myHost || !ns || ns !== myNs || !/^\d+$/.test(pid ?? '') || processAlive(Number(pid))) return false;
    const swapped = await this.redis.eval(TAKE_OVER, 1, this.opts.key, holder, this.token, String(this.ttlMs)).catch(() => null);
    if (swapped !== 'OK') return false;
    this.opts.logger.warn({ key: this.opts.key, deadPid: Number(pid) }, 'took over the mailbox lock of a poller that died on this machine');
    return true;
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

/** The PID namespace, so two containers on one host never judge each other's PIDs; '' where unknown. */
function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid').replace(/\s/g, '');
  } catch {
    return '';
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
