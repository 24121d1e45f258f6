// Every job of the service: one enum of names and one typed union of payloads (Immich style).
// Payloads carry ids only, never file bytes: the raw message and attachments live in the blob
// store and PostgreSQL. Each name maps to its queue here and to its handler in
// src/app/job-registry.ts, which start-up checks for every name.
import { z } from 'zod';

export enum QueueName {
  Ingest = 'ingest',
  Ack = 'ack',
}

export enum JobName {
  /** Parse a stored raw message, store its files, write its record in one transaction. */
  IngestMessage = 'ingest-message',
  /** Send one acknowledgement from the outbox (claimed, sent, marked: at most once). */
  SendAck = 'send-ack',
}

/** new: first run; rejudge: a related version changed; reprocess: an operator; recover: the job was lost (recover-lost-jobs.ts). */
export const RUN_REASONS = ['new', 'rejudge', 'reprocess', 'recover'] as const;
export type RunReason = (typeof RUN_REASONS)[number];

export const jobSchemas = {
  [JobName.IngestMessage]: z.object({
    messageId: z.string().regex(/^\d+$/),
    /** Why the job exists (first ingest, re-judge after an earlier version arrived, operator, lost job). */
    reason: z.enum(RUN_REASONS).default('new'),
  }),
  [JobName.SendAck]: z.object({ outboxId: z.string().regex(/^\d+$/) }),
} satisfies Record<JobName, z.ZodType>;

export type JobPayload<N extends JobName> = z.input<(typeof jobSchemas)[N]>;
export type JobData<N extends JobName> = z.output<(typeof jobSchemas)[N]>;

export type JobItem = { [N in JobName]: { name: N; data: JobPayload<N> } }[JobName];

/** The queue each job runs on. */
export const jobQueue: Record<JobName, QueueName> = {
  [JobName.IngestMessage]: QueueName.Ingest,
  [JobName.SendAck]: QueueName.Ack,
};

/**
 * The first run of a message has a fixed id: adding it again (a re-fetch, a crash between the
 * row and the enqueue) is a no-op. BullMQ job ids must not contain ':' (the key separator).
 */
export function ingestJobId(messageId: string): string {
  return `ingest-${messageId}`;
}

/**
 * Later runs (re-judge, reprocess) of one message share a deduplication id: requests made while
 * one is waiting collapse into it. The handler releases the id when the run starts, so a
 * request made while it runs (on state it may already have read) queues one more run.
 */
export function rerunDeduplicationId(messageId: string): string {
  return `rerun-${messageId}`;
}

/** One waiting send job per outbox row; the row's state machine makes extra ones harmless. */
export function ackDeduplicationId(outboxId: string): string {
  return `ack-${outboxId}`;
}
