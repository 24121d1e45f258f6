// The worker's 'stalled' event: a job whose worker stopped renewing its lock (killed, OOM, a
// machine lost) was moved back to the queue by a live worker's stalled-job check and will run
// again. Without this the interruption left no trace: the row said 'processing' until the next
// run started and only Redis knew why. The row's state is left alone (the next run marks it
// processing at once; a write here could land after that and lie); the event tells operators.
import type { Job } from 'bullmq';
import type { AppContext } from '../app/context.ts';

export const STALLED_ERROR = 'worker stopped mid-run (killed or lost); the job was handed back to the queue';

export async function recordIngestJobStall(app: AppContext, job: Job | undefined, jobId: string): Promise<void> {
  const messageId = (job?.data as { messageId?: unknown } | undefined)?.messageId;
  const log = app.logger.child({ component: 'ingest-stall', jobId, messageId });
  if (typeof messageId !== 'string' || !/^\d+$/.test(messageId)) {
    log.warn('ingest job stalled (its worker died); job no longer readable');
    return;
  }
  const attempt = job ? Math.max(job.attemptsStarted ?? 0, job.attemptsMade) : null;
  log.warn({ attempt, stalledCount: job?.stalledCounter }, 'ingest job stalled (its worker died); it runs again');
  await app.repos.events
    .record({
      messageId,
      stage: 'ingest',
      status: 'retrying',
      attempt,
      error: STALLED_ERROR,
      detail: { reason: 'stalled', jobId, stalledCount: job?.stalledCounter ?? null },
    })
    .catch((err) => log.error({ err }, 'could not record the stalled job'));
}
