// Every job of the service: one enum of names and one typed union of payloads (Immich style), so
// a job without a handler fails to compile. Payloads carry ids only, never file bytes: the raw
// message and attachments live in the blob store and PostgreSQL.
import { z } from 'zod';

export enum QueueName {
  Ingest = 'ingest',
}

export enum JobName {
  /** Parse a stored raw message, store its files, write its record in one transaction. */
  IngestMessage = 'ingest-message',
}

export const jobSchemas = {
  [JobName.IngestMessage]: z.object({
    messageId: z.string().regex(/^\d+$/),
    /** Why the job exists (first ingest, re-judge after an earlier version arrived, operator). */
    reason: z.enum(['new', 'rejudge', 'reprocess']).default('new'),
  }),
} satisfies Record<JobName, z.ZodType>;

export type JobPayload<N extends JobName> = z.input<(typeof jobSchemas)[N]>;

export type JobItem = { [N in JobName]: { name: N; data: JobPayload<N> } }[JobName];

/** The queue each job runs on. */
export const jobQueue: Record<JobName, QueueName> = {
  [JobName.IngestMessage]: QueueName.Ingest,
};

/** Deterministic ids: adding the same job twice while it exists is a no-op in BullMQ. */
export function ingestJobId(messageId: string, reason: 'new' | 'rejudge' | 'reprocess' = 'new', suffix?: string): string {
  // BullMQ job ids must not contain ':' (it is the key separator).
  return reason === 'new' ? `ingest-${messageId}` : `ingest-${messageId}-${reason}-${suffix ?? Date.now()}`;
}
