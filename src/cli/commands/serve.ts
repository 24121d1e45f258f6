// The long-running roles: `intake start` (poller, ingest worker, acknowledgement mailer and the
// dashboard in one process, for a small deployment), `intake worker` (ingest + mailer; scale out
// on several machines), `intake poller` (one per mailbox), `intake web` (the dashboard).
import { bootstrap } from '../../app/bootstrap.ts';
import { stopOnSignals, type Stoppable } from '../../app/shutdown.ts';
import { startAckWorker, startIngestWorker } from '../../app/start-workers.ts';
import { warnIfScanToolsMissing } from '../../scan/scan-tools.ts';

type ServeRole = 'start' | 'worker' | 'poller' | 'web';

async function serve(role: ServeRole): Promise<number> {
  const app = await bootstrap(role);
  const parts: Stoppable[] = [];
  let webPart: Stoppable | null = null;
  try {
    if (role === 'start' || role === 'web') {
      // Loaded on demand: a worker or poller process never loads the web framework.
      const { startWebServer } = await import('../../web/server.ts');
      const web = await startWebServer(app);
      webPart = { name: 'web', stop: () => web.stop() };
    }
    if (role === 'start' || role === 'poller') {
      // imapflow is loaded only here, on demand, so a worker-only process never loads it.
      const { startPoller } = await import('../../mailbox/imap-poller.ts');
      const poller = await startPoller(app);
      parts.push({ name: 'poller', stop: () => poller.stop() });
    }
    if (role === 'start' || role === 'worker') {
      // Mail is still read without OCR, but operators must know why scans show no text.
      await warnIfScanToolsMissing(app.logger);
      const worker = startIngestWorker(app);
      parts.push({ name: 'ingest-worker', stop: () => worker.close() });
      if (app.config.ack.mode !== 'off') {
        const mailer = startAckWorker(app);
        parts.push({ name: 'ack-mailer', stop: () => mailer.close() });
      }
    }
    // Stopped last: operators watch the poller and workers drain on the dashboard.
    if (webPart) parts.push(webPart);
  } catch (err) {
    if (webPart && !parts.includes(webPart)) parts.push(webPart);
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
export const runWeb = () => serve('web');
