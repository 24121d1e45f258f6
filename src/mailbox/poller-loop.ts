// The poller's life: hold the mailbox lock, keep one IMAP session open, sync on IDLE news and
// on a timer, and reconnect with backoff whenever the session ends for any reason.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImapFlow } from 'imapflow';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { backoffDelay } from './backoff.ts';
import { createImapClient, explainImapError, imapErrorText } from './imap-client.ts';
import { MailboxLock, type HeldLock } from './mailbox-lock.ts';
import { mailboxKey } from './mailbox-key.ts';
import { createPollerHeartbeat, type HeartbeatTiming } from './poller-heartbeat.ts';
import { syncNewMessages, type SyncDeps } from './sync-new-messages.ts';

export type PollerDeps = Pick<SyncDeps, 'getCursor' | 'saveCursor' | 'accept'> & {
  config: Pick<Config, 'imap' | 'redisUrl' | 'queuePrefix'>;
  logger: Logger;
  /** Overrides for tests: reconnect delays and the lock TTL. */
  backoff?: { baseMs?: number; maxMs?: number };
  lockTtlMs?: number;
  /** Overrides for tests: how often the published state is refreshed and when it expires. */
  heartbeat?: HeartbeatTiming;
};

export type Poller = {
  /** Resolves after the first successful sync (or rejects never; errors are retried). */
  firstSync: Promise<void>;
  stop(): Promise<void>;
};

export function runPoller(deps: PollerDeps): Poller {
  const imap = deps.config.imap;
  const mailbox = mailboxKey(imap);
  const log = deps.logger.child({ component: 'poller', mailbox });
  const abort = new AbortController();
  const aborted = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  let markSynced: () => void = () => undefined;
  const firstSync = new Promise<void>((resolve) => (markSynced = resolve));

  const lock = new MailboxLock({
    redisUrl: deps.config.redisUrl,
    key: `${deps.config.queuePrefix}:poller-lock:${mailbox}`,
    ttlMs: deps.lockTtlMs,
    logger: log,
  });

  const heartbeat = createPollerHeartbeat({
    ...deps.heartbeat,
    redisUrl: deps.config.redisUrl,
    queuePrefix: deps.config.queuePrefix,
    mailbox,
    host: imap.host,
    folder: imap.folder,
    logger: log,
  });

  const syncDeps: SyncDeps = {
    mailbox,
    folder: imap.folder,
    moveTo: imap.moveTo,
    logger: log,
    getCursor: async (m) => {
      const cursor = await deps.getCursor(m);
      if (cursor) heartbeat.cursor(cursor.lastUid);
      return cursor;
    },
    saveCursor: async (m, uidvalidity, lastUid) => {
      await deps.saveCursor(m, uidvalidity, lastUid);
      heartbeat.cursor(lastUid);
    },
    accept: deps.accept,
    stopping: () => abort.signal.aborted,
  };

  const session = async (held: HeldLock): Promise<void> => {
    const stopping = passStopCheck(abort.signal, held);
    const passDeps: SyncDeps = { ...syncDeps, stopping };
    const client = createImapClient(imap, log);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    void closed.then(() => heartbeat.disconnected());
    client.on('error', (err: unknown) => log.warn({ err: { message: imapErrorText(err) } }, 'IMAP connection error'));
    await client.connect();
    if (imap.moveTo) await ensureFolder(client, imap.moveTo);
    log.info({ host: imap.host, port: imap.port, folder: imap.folder, idle: client.capabilities.has('IDLE') }, 'IMAP connected');
    heartbeat.connected();

    let running: Promise<void> | null = null;
    let again = false;
    // Serializes syncs: news that arrives during a sync (EXISTS while fetching) runs one more pass.
    const sync = (reason: string): Promise<void> => {
      if (stopping()) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            const r = await syncNewMessages(client, passDeps);
            if (r.fetched > 0) log.info({ reason, ...r }, 'sync done');
            heartbeat.synced();
            markSynced();
          } while (again && !stopping());
        } catch (err) {
          heartbeat.syncFailed(err);
          throw err;
        } finally {
          running = null;
        }
      })();
      return running;
    };
    const syncOrDrop = (reason: string) =>
      sync(reason).catch((err) => {
        log.error({ err: { message: imapErrorText(err) } }, 'sync failed; reconnecting');
        client.close();
      });

    client.on('exists', () => void syncOrDrop('exists'));
    const timer = setInterval(() => void syncOrDrop('timer'), imap.pollIntervalSeconds * 1000);
    try {
      await sync('connect');
      await Promise.race([closed, aborted, held.lost]);
    } finally {
      clearInterval(timer);
      await (running as Promise<void> | null)?.catch(() => undefined);
      await logout(client);
    }
  };

  const loop = async () => {
    while (!abort.signal.aborted) {
      const held = await lock.acquire(abort.signal);
      if (!held) break;
      let lost = false;
      void held.lost.then(() => {
        lost = true;
        heartbeat.abandon();
      });
      log.info('mailbox lock acquired');
      heartbeat.begin();
      let attempt = 0;
      try {
        while (!abort.signal.aborted && !lost) {
          const startedAt = Date.now();
          try {
            await session(held);
          } catch (err) {
            heartbeat.disconnected(err);
            const plain = explainImapError(err, imap);
            log.error(
              { err: { message: imapErrorText(err), code: (err as { code?: string }).code }, hint: plain ?? undefined },
              'IMAP session failed',
            );
          }
          if (abort.signal.aborted || lost) break;
          // A session that lived a while was healthy: start the backoff over.
          if (Date.now() - startedAt > 60_000) attempt = 0;
          const delay = backoffDelay(attempt++, deps.backoff);
          log.info({ delayMs: delay, attempt }, 'reconnecting after delay');
          await sleep(delay, undefined, { signal: abort.signal }).catch(() => undefined);
        }
      } finally {
        await heartbeat.end();
        await held.release();
      }
    }
    await Promise.all([lock.close(), heartbeat.close()]);
  };

  const done = loop().catch((err) => log.error({ err }, 'poller stopped unexpectedly'));
  return {
    firstSync,
    stop: async () => {
      abort.abort();
      await done;
      log.info('poller stopped');
    },
  };
}

/**
 * When a pass must stop between messages: on shutdown, and as soon as the mailbox lock is lost.
 * A poller that lost its lock may already have a successor working the same folder; finishing
 * the pass would fetch (harmless, deduplicated) and, with IMAP_MOVE_TO, MOVE the same UIDs twice.
 * The message in hand is still finished, so the overlap is at most one message.
 */
export function passStopCheck(signal: AbortSignal, held: Pick<HeldLock, 'lost'>): () => boolean {
  let lost = false;
  void held.lost.then(() => (lost = true));
  return () => signal.aborted || lost;
}

/** The IMAP_MOVE_TO folder must exist before the first MOVE, or every sync would fail on it. */
async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((f) => f.path === path)) await client.mailboxCreate(path);
}

async function logout(client: ImapFlow): Promise<void> {
  if (!client.usable) return client.close();
  await Promise.race([client.logout(), sleep(3000)]).catch(() => undefined);
  client.close();
}
