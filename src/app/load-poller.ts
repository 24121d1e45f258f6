// The poller lives in src/mailbox/imap-poller.ts. It is loaded only by the roles that poll, so a
// worker-only process never loads imapflow.
import type { AppContext } from './context.ts';

export type RunningPoller = { stop(): Promise<void> };
type PollerModule = { startPoller(app: AppContext): Promise<RunningPoller> };

export async function startPollerRole(app: AppContext): Promise<RunningPoller> {
  const modulePath = '../mailbox/imap-poller.ts';
  const mod = (await import(modulePath)) as PollerModule;
  return mod.startPoller(app);
}
