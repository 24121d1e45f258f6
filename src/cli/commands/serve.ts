// The long-running roles: `intake start` (poller, ingest worker and acknowledgement mailer in one
// process, for a small deployment), `intake worker` (ingest + mailer; scale out on several
// machines), `intake poller` (one per mailbox).
import { bootstrap } from '../../app/bootstrap.ts';
import { stopOnSignals, type Stoppable } from '../../app/shutdown.ts';
import { startAckWorker, startIngestWorker } from '../../app/start-workers.ts';

type ServeRole = 'start' | 'worker' | 'poller';

async function serve(role: ServeRole): Promise<number> {
  const app = await bootstrap(role);
  const parts: Stoppable[] = [];
  try {
    if (role === 'start' || role === 'poller') {
      // imapflow is loaded only here, on demand, so a worker-only process never loads it.
      const { startPoller } = await import('../../mailbox/imap-poller.ts');
      const poller = await startPoller(app);
      parts.push({ name: 'poller', stop: () => poller.stop() });
    }
    if (role === 'start' || role === 'worker') {
      const worker = startIngestWorker(app);
      parts.push({ name: 'ingest-worker', stop: () => worker.close() });
      if (app.config.ack.mode !== 'off') {
        const mailer = startAckWorker(app);
        parts.push({ name: 'ack-mailer', stop: () => mailer.close() });
      }
    }
  } catch (err) {
    for (const part of parts.reverse()) await part.stop().catch(() => undefined);
    await app.close();
    throw err;
  }
  app.logger.info({ role }, 'running; SIGTERM or Ctrl-C stops');
  await stopOnSignals(app.logger, parts, () => app.close());
  return 0;
}

export const runStart = () => serve('start');
export const runWorker = () => serve('worker');
export const runPoller = () => serve('poller');
