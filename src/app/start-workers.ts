// Queue workers: one BullMQ Worker per queue, dispatching each job by name through the job
// registry (payload validated against its schema first). Used by `intake start`, `intake worker`
// and the CLI's --work options; workers/ only holds the entry points that call the CLI roles.
import { UnrecoverableError, Worker } from 'bullmq';
import { INGEST_LOCK_DURATION_MS } from '../queue/job-options.ts';
import { JobName, jobSchemas, QueueName } from '../queue/jobs.ts';
import type { AppContext } from './context.ts';
import { assertJobRegistry, jobRegistry, type JobDefinition } from './job-registry.ts';

export type RunningWorker = { worker: Worker; close(): Promise<void> };

export type WorkerOptions = {
  concurrency?: number;
  /** Tests only: shorten the stall detection (production uses the defaults below). */
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
};

const isJobName = (name: string): name is JobName => (Object.values(JobName) as string[]).includes(name);

export function startIngestWorker(app: AppContext, opts: WorkerOptions = {}): RunningWorker {
  assertJobRegistry();
  const log = app.logger.child({ component: 'ingest-worker' });
  const worker = new Worker(
    QueueName.Ingest,
    async (job) => {
      if (!isJobName(job.name)) throw new UnrecoverableError(`no handler for job "${job.name}"`);
      const parsed = jobSchemas[job.name].safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid ${job.name} payload: ${parsed.error.message}`);
      const def = jobRegistry[job.name] as JobDefinition<typeof job.name>;
      return def.run(app, job, parsed.data);
    },
    {
      // BullMQ duplicates this connection for its blocking reads and leaves the original open.
      connection: app.redis,
      prefix: app.config.queuePrefix,
      concurrency: opts.concurrency ?? app.config.workerConcurrency,
      lockDuration: opts.lockDuration ?? INGEST_LOCK_DURATION_MS,
      ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
      // A job whose worker died twice mid-run (stalled) is failed instead of looping forever; BullMQ
      // fails it without calling the processor, so the definition's onFailed records it.
      maxStalledCount: opts.maxStalledCount ?? 2,
    },
  );
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  worker.on('failed', (job, err) => {
    log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err }, 'job failed');
    const def = job && isJobName(job.name) ? jobRegistry[job.name] : undefined;
    void def?.onFailed?.(app, job, err);
  });
  log.info({ concurrency: worker.opts.concurrency, prefix: app.config.queuePrefix }, 'ingest worker started');
  return {
    worker,
    // close() waits for active jobs to finish; the stalled-job check hands back any that cannot.
    close: () => worker.close(),
  };
}
