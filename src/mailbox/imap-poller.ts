// The poller role's entry into src/: start-up check, then the reconnecting poll loop feeding
// acceptRawMessage. `intake start` and `intake poller` both call startPoller.
import type { AppContext } from '../app/context.ts';
import { acceptRawMessage } from '../ingest/accept-raw.ts';
import { checkImapAccess, explainImapError } from './imap-client.ts';
import { mailboxKey } from './mailbox-key.ts';
import { runPoller, type PollerDeps } from './poller-loop.ts';

export type StartPollerOptions = {
  /** Skip the connect-and-EXAMINE check (tests that start several pollers). */
  skipCheck?: boolean;
  backoff?: PollerDeps['backoff'];
  lockTtlMs?: number;
  heartbeat?: PollerDeps['heartbeat'];
};

export type RunningPoller = { mailbox: string; firstSync: Promise<void>; stop(): Promise<void> };

/**
 * Fails fast, in plain words, when the mailbox can never work as configured (NetEase's
 * "Unsafe Login", a wrong 授权码); a server that is merely unreachable is retried with backoff.
 */
export async function startPoller(app: AppContext, opts: StartPollerOptions = {}): Promise<RunningPoller> {
  const imap = app.config.imap;
  const log = app.logger.child({ component: 'poller' });
  if (!opts.skipCheck) {
    try {
      const box = await checkImapAccess(imap, log);
      log.info({ host: imap.host, folder: imap.folder, messages: box.exists }, 'IMAP start-up check passed');
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause ?? err;
      const fatal =
        /unsafe login/i.test(String((cause as { responseText?: string }).responseText ?? (err as Error).message)) ||
        Boolean((cause as { authenticationFailed?: boolean }).authenticationFailed);
      // The explained message is the whole story; the raw IMAP error is not chained (it may echo the login).
      // eslint-disable-next-line preserve-caught-error
      if (fatal) throw new Error(explainImapError(cause, imap) ?? (err as Error).message);
      log.warn({ err: { message: (err as Error).message } }, 'IMAP start-up check failed; will keep retrying');
    }
  }
  const poller = runPoller({
    config: app.config,
    logger: app.logger,
    backoff: opts.backoff,
    lockTtlMs: opts.lockTtlMs,
    heartbeat: opts.heartbeat,
    getCursor: async (mailbox) => {
      const c = await app.repos.cursors.getCursor(mailbox);
      return c ? { uidvalidity: Number(c.uidvalidity), lastUid: c.lastUid } : null;
    },
    saveCursor: (mailbox, uidvalidity, lastUid) => app.repos.cursors.saveCursor(mailbox, uidvalidity, lastUid),
    accept: (input) => acceptRawMessage(app, { ...input, source: 'imap' }),
  });
  return { mailbox: mailboxKey(imap), firstSync: poller.firstSync, stop: poller.stop };
}
