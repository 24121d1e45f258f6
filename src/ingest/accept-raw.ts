// The first step of every message, from the poller and from `intake import` alike: raw bytes go
// to the blob store FIRST, then the messages row, then the ingest job. Only when this returns
// may the poller advance its cursor. A crash at any point is repaired by running it again:
// the blob write is idempotent, the row is deduplicated, the job id is fixed.
import type { AppContext } from '../app/context.ts';
import { JobName, ingestJobId } from '../queue/jobs.ts';

export type AcceptRawInput = {
  raw: Buffer;
  mailbox: string;
  uidvalidity: number | bigint | null;
  uid: number | null;
  /** IMAP INTERNALDATE; for imports the top Received: header; null = let the worker derive it. */
  receivedAt: Date | null;
  source: 'imap' | 'import';
};

export async function acceptRawMessage(app: AppContext, input: AcceptRawInput): Promise<{ id: string; duplicate: boolean }> {
  if (input.raw.length === 0) throw new Error('refusing an empty raw message');
  const started = performance.now();
  const blob = await app.store.put(input.raw);
  const { row, inserted } = await app.repos.messages.insertOrFind({
    source: input.source,
    mailbox: input.mailbox,
    uidvalidity: input.uidvalidity,
    uid: input.uid,
    receivedAt: input.receivedAt,
    rawSha256: blob.sha256,
    rawSize: blob.size,
    rawLocation: blob.location,
  });
  // Enqueue for duplicates too while never run: a crash between the insert and the enqueue
  // would otherwise leave the message unprocessed forever. The fixed jobId prevents a double run.
  if (row.status === 'new') {
    await app.queues.add({ name: JobName.IngestMessage, data: { messageId: row.id, reason: 'new' } }, { jobId: ingestJobId(row.id) });
  }
  if (inserted) {
    await app.repos.events.record({
      messageId: row.id,
      stage: 'accept',
      status: 'ok',
      durationMs: performance.now() - started,
      detail: { source: input.source, mailbox: input.mailbox, uid: input.uid, size: blob.size },
    });
  }
  app.logger.debug({ messageId: row.id, sha256: blob.sha256, duplicate: !inserted, uid: input.uid }, 'raw message accepted');
  return { id: row.id, duplicate: !inserted };
}
