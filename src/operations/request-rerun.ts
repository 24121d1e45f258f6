// Queue another run of recorded messages (re-judge after a related version changed, or an
// operator's reprocess). The row says a run is pending ('queued') before the job exists, so an
// operator never sees 'done' for a message that is about to change; jobs for one message
// collapse while waiting (rerunDeduplicationId) and never run concurrently (withMessageLock).
import type { AppContext } from '../app/context.ts';
import { JobName, rerunDeduplicationId, type RunReason } from '../queue/jobs.ts';

export type RerunRequest = {
  messageIds: string[];
  reason: Exclude<RunReason, 'new'>;
  /** Who or what asked: an operator's name, `cli`, or the message whose run caused a re-judge. */
  requestedBy: string;
};

/** Returns the database time of the request: runs started at or after it are the requested ones. */
export async function requestRerun(app: AppContext, req: RerunRequest): Promise<Date> {
  const ids = [...new Set(req.messageIds)];
  const requestedAt = await app.repos.messages.markQueued(ids);
  for (const messageId of ids) {
    await app.queues.add(
      { name: JobName.IngestMessage, data: { messageId, reason: req.reason } },
      { deduplication: { id: rerunDeduplicationId(messageId) } },
    );
    await app.repos.events.record({ messageId, stage: req.reason, status: 'ok', detail: { requestedBy: req.requestedBy } });
  }
  return requestedAt;
}
