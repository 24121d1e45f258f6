// Poller role: one per mailbox (a Redis lock keeps a second one on standby). Thin: the logic
// is in src/mailbox/. Used by `intake poller` and, beside the workers, by `intake start`.
import type { AppContext } from '../src/app/context.ts';
import { startPoller, type RunningPoller, type StartPollerOptions } from '../src/mailbox/imap-poller.ts';

export type { RunningPoller };

export function startPollerRole(app: AppContext, opts: StartPollerOptions = {}): Promise<RunningPoller> {
  return startPoller(app, opts);
}
