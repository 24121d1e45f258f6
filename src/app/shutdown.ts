// SIGTERM/SIGINT: stop taking new work, let in-flight jobs finish (worker.close() waits; a job
// still running when the orchestrator kills us is handed back by BullMQ's stalled check),
// close PostgreSQL and Redis, exit 0. A second signal exits at once.
import type { Logger } from '../log/logger.ts';

export type Stoppable = { name: string; stop(): Promise<void> };

export function stopOnSignals(logger: Logger, parts: Stoppable[], finally_: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = async (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      // Stop in order: the poller first (no new messages), then workers (finish what they hold).
      for (const part of parts) {
        try {
          await part.stop();
          logger.info({ part: part.name }, 'stopped');
        } catch (err) {
          logger.error({ err, part: part.name }, 'stopping failed');
        }
      }
      await finally_().catch((err) => logger.error({ err }, 'closing connections failed'));
      logger.info('shutdown complete');
      resolve();
    };
    process.on('SIGTERM', () => void handler('SIGTERM'));
    process.on('SIGINT', () => void handler('SIGINT'));
  });
}
