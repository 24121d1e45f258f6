// The poller's state, published for the processes that cannot see its memory (the web role's
// overview and /healthz, /metrics scraped from any role): a Redis hash per mailbox, refreshed on a
// timer and on every connect, sync pass, error and stop, with a TTL so a killed poller's hash
// disappears on its own. Only the lock holder writes: a standby poller would otherwise report the
// mailbox disconnected while the holder works it. Publishing is best effort: a failed write is
// logged and dropped, and never slows down or breaks polling.
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { maskUrlCredentials, type Logger } from '../log/logger.ts';
import { imapErrorText } from './imap-client.ts';
import { encodeHeartbeat, pollerStateKey, type PollerHeartbeatRecord } from './poller-state-record.ts';

export type HeartbeatTiming = {
  /** Refresh period (default 15 s). */
  intervalMs?: number;
  /** Expiry of the hash after the last write (default 90 s). */
  ttlMs?: number;
};

export type HeartbeatOptions = HeartbeatTiming & {
  redisUrl: string;
  queuePrefix: string;
  mailbox: string;
  host: string;
  folder: string;
  logger: Logger;
};

export type PollerHeartbeat = {
  /** This poller holds the mailbox lock from now on: publish, and keep refreshing. */
  begin(): void;
  connected(): void;
  /** The cursor the pass read or advanced: the last UID safely recorded. */
  cursor(lastUid: number): void;
  /** A sync pass ended without an error. */
  synced(): void;
  /** A sync pass ended with an error. */
  syncFailed(err: unknown): void;
  /** The IMAP session ended (error given when it failed). */
  disconnected(err?: unknown): void;
  /** The lock was lost: a successor may own the hash already, so nothing more is written. */
  abandon(): void;
  /** The lock is about to be released: publish connected = 0 once and stop refreshing. */
  end(): Promise<void>;
  /** Closes the Redis connection (after end or abandon). */
  close(): Promise<void>;
};

/** How long stop() waits for the last write: a dead Redis must not hold up shutdown. */
const FINAL_WRITE_WAIT_MS = 2_000;
const MAX_ERROR_LENGTH = 500;

export function createPollerHeartbeat(opts: HeartbeatOptions): PollerHeartbeat {
  const intervalMs = opts.intervalMs ?? 15_000;
  const ttlMs = opts.ttlMs ?? 90_000;
  const key = pollerStateKey(opts.queuePrefix, opts.mailbox);
  const log = opts.logger;
  // Same pattern as MailboxLock: its own connection, connected on first use, few retries.
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true, connectionName: 'intake-poller-state' });
  redis.on('error', (err) => log.debug({ err: { message: err.message } }, 'poller state redis connection error'));

  const now = new Date();
  const record: PollerHeartbeatRecord = {
    mailbox: opts.mailbox,
    host: opts.host,
    folder: opts.folder,
    connected: false,
    lastUid: null,
    lastFetchAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    pid: process.pid,
    hostname: hostname(),
    startedAt: now,
    updatedAt: now,
    intervalMs,
  };
  let active = false;
  let timer: NodeJS.Timeout | null = null;
  let failing = false;
  let lastWrite: Promise<void> = Promise.resolve();

  // The whole record every time: a hash lost with a Redis restart is complete again on the next write.
  const write = () => {
    if (!active) return;
    record.updatedAt = new Date();
    lastWrite = redis
      .multi()
      .hset(key, encodeHeartbeat(record))
      .pexpire(key, ttlMs)
      .exec()
      .then(
        () => {
          if (failing) log.info('poller state published again');
          failing = false;
        },
        (err: Error) => {
          // Warn once per outage; the lock's own connection reports the outage too.
          log[failing ? 'debug' : 'warn']({ err: { message: err.message } }, 'publishing the poller state failed');
          failing = true;
        },
      );
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const noteError = (err: unknown) => {
    record.lastError = errorMessage(err);
    record.lastErrorAt = new Date();
  };

  return {
    begin() {
      active = true;
      record.connected = false;
      write();
      stopTimer();
      timer = setInterval(write, intervalMs);
      timer.unref();
    },
    connected() {
      record.connected = true;
      write();
    },
    cursor(lastUid) {
      // Only remembered: the pass's end (synced/syncFailed) publishes it with the pass's times.
      record.lastUid = lastUid;
    },
    synced() {
      record.lastFetchAt = record.lastSuccessAt = new Date();
      write();
    },
    syncFailed(err) {
      record.lastFetchAt = new Date();
      noteError(err);
      write();
    },
    disconnected(err) {
      record.connected = false;
      if (err !== undefined) noteError(err);
      write();
    },
    abandon() {
      active = false;
      stopTimer();
    },
    async end() {
      if (!active) return;
      record.connected = false;
      write();
      active = false;
      stopTimer();
      await Promise.race([lastWrite, sleep(FINAL_WRITE_WAIT_MS)]);
    },
    async close() {
      active = false;
      stopTimer();
      if (redis.status === 'wait' || redis.status === 'end') return redis.disconnect();
      await Promise.race([redis.quit(), sleep(FINAL_WRITE_WAIT_MS)]).catch(() => undefined);
      redis.disconnect();
    },
  };
}

/** The error's own message, credentials in any URL masked, cut to a readable length. */
function errorMessage(err: unknown): string {
  return maskUrlCredentials(imapErrorText(err)).slice(0, MAX_ERROR_LENGTH);
}
