// The worker's 'failed' event, for the failures runIngestJob's own catch never sees. When a
// worker dies mid-job (OOM, SIGKILL) BullMQ's stalled-job check puts the job back; after
// maxStalledCount stalls it fails the job with "job stalled more than allowable limit" WITHOUT
// calling the processor. Without this the row would stay 'processing' forever, outside every
// query an operator runs. Failures the processor did see were recorded by its catch already:
// those only get a conditional update here (no duplicate event), for when that write was lost.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app/context.ts';
import { errorText } from '../queue/permanent-error.ts';

/** Failures BullMQ raises itself, before the processor runs (a deferred failure on the job). */
const PROCESSOR_SKIPPED = /stalled more than allowable limit|started more than allowable limit/;

export type FailureKind = 'processor-skipped' | 'final' | 'will-retry';

/** Pure: what a 'failed' event means for the message row. */
export function classifyJobFailure(job: Pick<Job, 'attemptsMade' | 'opts'> & { deferredFailure?: string }, err: Error): FailureKind {
  if (job.deferredFailure || PROCESSOR_SKIPPED.test(err.message)) return 'processor-skipped';
  if (err instanceof UnrecoverableError || err.name === 'UnrecoverableError') return 'final';
  return job.attemptsMade >= (job.opts.attempts ?? 1) ? 'final' : 'will-retry';
}

export async function recordIngestJobFailure(app: AppContext, job: Job | undefined, err: Error): Promise<void> {
  const messageId = (job?.data as { messageId?: unknown } | undefined)?.messageId;
  // A job removed before the event, or a payload that never named a message: nothing to mark.
  if (!job || typeof messageId !== 'string' || !/^\d+$/.test(messageId)) return;
  const kind = classifyJobFailure(job, err);
  if (kind === 'will-retry') return;
  const log = app.logger.child({ component: 'ingest-failure', jobId: job.id, messageId });
  const error = errorText(err);
  const attempt = Math.max(job.attemptsStarted ?? 0, job.attemptsMade);
  try {
    if (kind === 'processor-skipped') {
      // A message parsed earlier keeps its extraction (parsed_at) but its last run shows as failed.
      await app.repos.messages.markFailed(messageId, error);
      await app.repos.events.record({
        messageId,
        stage: 'ingest',
        status: 'failed',
        attempt,
        error,
        detail: { reason: 'stalled', jobId: job.id },
      });
      log.error({ err }, 'ingest job failed without running (worker died mid-job); message marked failed');
      return;
    }
    if (await app.repos.messages.markFailedIfUnfinished(messageId, error)) {
      await app.repos.events.record({ messageId, stage: 'ingest', status: 'failed', attempt, error, detail: { jobId: job.id } });
      log.error({ err }, 'ingest job failed for good; message marked failed');
    }
  } catch (e) {
    // The row stays fetched/processing; `intake reprocess --failed` picks such stale rows up.
    log.error({ err: e, jobError: error }, 'could not record the failed ingest job');
  }
}
