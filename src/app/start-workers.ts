// Queue workers: one BullMQ Worker per queue, dispatching each job by name through the job
// registry (payload validated against its schema first). Used by `intake start`, `intake worker`
// and the CLI's --work options; workers/ only holds the entry points that call the CLI roles.
import { UnrecoverableError, Worker, type WorkerOptions as BullWorkerOptions } from 'bullmq';
import { closeSmtp } from '../ack/send-ack.ts';
import { sweepOutbox } from '../ack/queue-ack.ts';
import { recoverLostIngestJobs } from '../ingest/recover-lost-jobs.ts';
import { ACK_LOCK_DURATION_MS, INGEST_LOCK_DURATION_MS, INGEST_STALLED_INTERVAL_MS } from '../queue/job-options.ts';
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
  /** Tests only: how often the ack sweeper and the lost-ingest-job sweeper run (default one minute). */
  sweepIntervalMs?: number;
  /** Tests only: how long a pending row must be untouched before a missing job counts as lost (default 30 s). */
  recoverGraceMs?: number;
};

const isJobName = (name: string): name is JobName => (Object.values(JobName) as string[]).includes(name);

function startQueueWorker(app: AppContext, queue: QueueName, opts: WorkerOptions, extra: Partial<BullWorkerOptions>): Worker {
  assertJobRegistry();
  const log = app.logger.child({ component: `${queue}-worker` });
  const worker = new Worker(
    queue,
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
      ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
      // A job whose worker died twice mid-run (stalled) is failed instead of looping forever; BullMQ
      // fails it without calling the processor, so the definition's onFailed records it.
      maxStalledCount: opts.maxStalledCount ?? 2,
      ...extra,
    },
  );
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  worker.on('stalled', (jobId) => {
    log.warn({ jobId }, 'job stalled: its worker stopped renewing the lock; it runs again');
    void (async () => {
      const job = await app.queues
        .get(queue)
        .getJob(jobId)
        .catch(() => undefined);
      const def = job && isJobName(job.name) ? jobRegistry[job.name] : undefined;
      await def?.onStalled?.(app, job, jobId);
    })().catch((err) => log.error({ err, jobId }, 'recording the stalled job failed'));
  });
  worker.on('failed', (job, err) => {
    log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err }, 'job failed');
    const def = job && isJobName(job.name) ? jobRegistry[job.name] : undefined;
    void def?.onFailed?.(app, job, err);
  });
  log.info({ concurrency: worker.opts.concurrency, prefix: app.config.queuePrefix }, `${queue} worker started`);
  return worker;
}

export function startIngestWorker(app: AppContext, opts: WorkerOptions = {}): RunningWorker {
  const log = app.logger.child({ component: 'ingest-recover' });
  const worker = startQueueWorker(app, QueueName.Ingest, opts, {
    concurrency: opts.concurrency ?? app.config.workerConcurrency,
    lockDuration: opts.lockDuration ?? INGEST_LOCK_DURATION_MS,
    stalledInterval: opts.stalledInterval ?? INGEST_STALLED_INTERVAL_MS,
  });
  // PostgreSQL, not Redis, is the record of what must run: rows pending without a job (Redis
  // restarted empty, a failure that could not be recorded) are queued again, at start and every minute.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () =>
    (sweeping = recoverLostIngestJobs(app, { graceMs: opts.recoverGraceMs ?? 30_000 }).catch((err) =>
      log.warn({ err }, 'lost-job sweep failed; next one in a minute'),
    ));
  const timer = setInterval(sweep, opts.sweepIntervalMs ?? 60_000);
  void sweep();
  // close() waits for active jobs to finish; the stalled-job check hands back any that cannot.
  return {
    worker,
    async close() {
      clearInterval(timer);
      await Promise.all([worker.close(), sweeping]);
    },
  };
}

/**
 * The acknowledgement mailer: one send at a time per process, at most ACK_RATE_PER_MINUTE sends a
 * minute across all mailers (BullMQ's limiter lives in Redis), and a sweeper that re-queues rows
 * whose job was lost. Nothing is sent unless ACK_MODE=send.
 */
export function startAckWorker(app: AppContext, opts: WorkerOptions = {}): RunningWorker {
  const log = app.logger.child({ component: 'ack-mailer' });
  const worker = startQueueWorker(app, QueueName.Ack, opts, {
    concurrency: opts.concurrency ?? 1,
    lockDuration: opts.lockDuration ?? ACK_LOCK_DURATION_MS,
    limiter: { max: app.config.ack.ratePerMinute, duration: 60_000 },
  });
  const sweep = () =>
    sweepOutbox(app)
      .then((r) => (r.queued || r.unknown ? log.info(r, 'outbox swept') : undefined))
      .catch((err) => log.warn({ err }, 'outbox sweep failed'));
  const timer = app.config.ack.mode === 'send' ? setInterval(sweep, opts.sweepIntervalMs ?? 60_000) : null;
  if (timer) void sweep();
  return {
    worker,
    async close() {
      if (timer) clearInterval(timer);
      await worker.close();
      closeSmtp();
    },
  };
}
