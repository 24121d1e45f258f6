// Poller role: one per mailbox (a Redis lock keeps a second one on standby). Thin: the logic
// is in src/mailbox/. Used by `intake poller` and, beside the workers, by `intake start`.
// imapflow is loaded only here, on demand, so a worker-only process never loads it.
import type { AppContext } from '../src/app/context.ts';
import type { RunningPoller, StartPollerOptions } from '../src/mailbox/imap-poller.ts';

export type { RunningPoller };

export async function startPollerRole(app: AppContext, opts: StartPollerOptions = {}): Promise<RunningPoller> {
  const { startPoller } = await import('../src/mailbox/imap-poller.ts');
  return startPoller(app, opts);
}
