// Hands outbox rows to the mailer queue. A queued row whose job was lost (a crash between the
// commit and the enqueue, Redis restarted empty) is found again by the sweeper, which runs when
// a mailer starts and every minute: PostgreSQL, not Redis, is the record of what must be sent.
import type { AppContext } from '../app/context.ts';
import { ACK_LOCK_DURATION_MS } from '../queue/job-options.ts';
import { ackDeduplicationId, JobName } from '../queue/jobs.ts';

export async function queueAck(app: AppContext, outboxId: string): Promise<void> {
  await app.queues.add({ name: JobName.SendAck, data: { outboxId } }, { deduplication: { id: ackDeduplicationId(outboxId) } });
}

/** Re-queues every queued row; a row left 'sending' past any job's lock becomes 'unknown'. */
export async function sweepOutbox(app: AppContext): Promise<{ queued: number; unknown: number }> {
  const stale = await app.repos.acks.staleSending(ACK_LOCK_DURATION_MS * 3);
  for (const id of stale) {
    await app.repos.acks.markUnknown(
      id,
      'a send was interrupted and its job is gone: the server may have accepted it; not resent automatically',
    );
  }
  const queued = await app.repos.acks.idsInState('queued');
  for (const id of queued) await queueAck(app, id);
  return { queued: queued.length, unknown: stale.length };
}
