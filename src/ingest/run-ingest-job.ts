// The BullMQ side of ingest: validates the payload, runs ingestMessage, and turns failures into
// a recorded status. Permanent failures (and the last attempt of transient ones) mark the
// message failed with its error; earlier transient failures are recorded and retried with backoff.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app/context.ts';
import { errorText, isPermanentError } from '../queue/permanent-error.ts';
import { JobName, ingestJobId, jobSchemas } from '../queue/jobs.ts';
import { ingestMessage, type IngestResult } from './ingest-message.ts';

export async function runIngestJob(app: AppContext, job: Job): Promise<IngestResult> {
  const parsed = jobSchemas[JobName.IngestMessage].safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid ${JobName.IngestMessage} payload: ${parsed.error.message}`);
  const { messageId } = parsed.data;
  const attempt = job.attemptsMade + 1;
  const log = app.logger.child({ component: 'ingest-job', jobId: job.id, messageId, attempt });
  try {
    const result = await ingestMessage(app, { messageId, attempt });
    for (const later of result.rejudge) {
      await app.queues.add(
        { name: JobName.IngestMessage, data: { messageId: later, reason: 'rejudge' } },
        { jobId: ingestJobId(later, 'rejudge', `${messageId}-${Date.now()}`) },
      );
      log.info({ later }, 'later version re-queued to re-judge RESUBMISSION');
    }
    return result;
  } catch (err) {
    const permanent = isPermanentError(err);
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    const error = errorText(err);
    if (permanent || lastAttempt) {
      log.error({ err, permanent }, 'ingest failed; message marked failed');
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
