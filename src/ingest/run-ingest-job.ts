// The BullMQ side of ingest: runs ingestMessage for a validated payload, queues the re-judges it
// calls for, and turns failures into a recorded state. Permanent failures (and the last attempt
// of transient ones) end the run as failed with its error; earlier transient failures leave the
// message waiting to retry (retry_wait) while BullMQ backs off.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app/context.ts';
import { queueAck } from '../ack/queue-ack.ts';
import { requestRerun } from '../operations/request-rerun.ts';
import { errorText, isPermanentError } from '../queue/permanent-error.ts';
import type { JobData, JobName } from '../queue/jobs.ts';
import { ingestMessage, type IngestResult } from './ingest-message.ts';

export async function runIngestJob(app: AppContext, job: Job, data: JobData<JobName.IngestMessage>): Promise<IngestResult> {
  const { messageId, reason } = data;
  const attempt = job.attemptsMade + 1;
  const log = app.logger.child({ component: 'ingest-job', jobId: job.id, messageId, attempt, reason });
  // From now on a new request for this message queues another run instead of folding into this
  // one: this run may already have read the state the request is about.
  if (job.deduplicationId) await job.removeDeduplicationKey();
  try {
    const result = await ingestMessage(app, { messageId, attempt });
    // After the commit: the row is the record, the job only a prompt (the sweeper re-queues a lost one).
    if (result.ackToSend) await queueAck(app, result.ackToSend);
    if (result.rejudge.length > 0) {
      await requestRerun(app, { messageIds: result.rejudge, reason: 'rejudge', requestedBy: `message ${messageId}` });
      log.info({ later: result.rejudge }, 'later versions queued to re-judge RESUBMISSION');
    }
    return result;
  } catch (err) {
    const permanent = isPermanentError(err);
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    const error = errorText(err);
    if (permanent || lastAttempt) {
      log.error({ err, permanent }, 'ingest failed; run ended as failed');
      await app.repos.messages.markFailed(messageId, error).catch((e) => log.error({ err: e }, 'could not mark message failed'));
      await app.repos.events.record({ messageId, stage: 'ingest', status: 'failed', attempt, error }).catch(() => undefined);
      if (permanent && !(err instanceof UnrecoverableError)) throw new UnrecoverableError(error);
      throw err;
    }
    log.warn({ err }, 'ingest failed; will retry');
    await app.repos.messages.markRetrying(messageId, error).catch(() => undefined);
    await app.repos.events.record({ messageId, stage: 'ingest', status: 'retrying', attempt, error }).catch(() => undefined);
    throw err;
  }
}
