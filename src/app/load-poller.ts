// The poller lives in src/mailbox/imap-poller.ts. It is loaded only by the roles that poll, so a
// worker-only process never loads imapflow.
import type { RunningPoller } from '../mailbox/imap-poller.ts';
import type { AppContext } from './context.ts';

export type { RunningPoller };

export async function startPollerRole(app: AppContext): Promise<RunningPoller> {
  const { startPoller } = await import('../mailbox/imap-poller.ts');
  return startPoller(app);
}
