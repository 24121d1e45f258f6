// Ingest worker role: consumes the ingest queue. Thin: the logic is in src/ingest/.
import { Worker } from 'bullmq';
import type { AppContext } from '../src/app/context.ts';
import { recordIngestJobFailure } from '../src/ingest/record-job-failure.ts';
import { runIngestJob } from '../src/ingest/run-ingest-job.ts';
import { INGEST_LOCK_DURATION_MS } from '../src/queue/job-options.ts';
import { QueueName } from '../src/queue/jobs.ts';

export type RunningWorker = { worker: Worker; close(): Promise<void> };

export type IngestWorkerOptions = {
  concurrency?: number;
  /** Tests only: shorten the stall detection (production uses the defaults below). */
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
};

export function startIngestWorker(app: AppContext, opts: IngestWorkerOptions = {}): RunningWorker {
  const log = app.logger.child({ component: 'ingest-worker' });
  const worker = new Worker(QueueName.Ingest, (job) => runIngestJob(app, job), {
    // BullMQ duplicates this connection for its blocking reads and leaves the original open.
    connection: app.redis,
    prefix: app.config.queuePrefix,
    concurrency: opts.concurrency ?? app.config.workerConcurrency,
    lockDuration: opts.lockDuration ?? INGEST_LOCK_DURATION_MS,
    ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
    // A job whose worker died twice mid-run (stalled) is failed instead of looping forever; BullMQ
    // fails it without calling the processor, so the 'failed' handler below marks the message.
    maxStalledCount: opts.maxStalledCount ?? 2,
  });
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  worker.on('failed', (job, err) => {
    log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err }, 'job failed');
    void recordIngestJobFailure(app, job, err);
  });
  log.info({ concurrency: worker.opts.concurrency, prefix: app.config.queuePrefix }, 'ingest worker started');
  return {
    worker,
    // close() waits for active jobs to finish; the stalled-job check hands back any that cannot.
    close: () => worker.close(),
  };
}
