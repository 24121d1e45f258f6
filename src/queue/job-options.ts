// Retry policy and lock timing, in one place.
import type { JobsOptions } from 'bullmq';

/** Transient failures (database restart, Redis blip, disk full) retry: 2s, 4s, 8s, 16s, 32s ± jitter. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  // Completed jobs stay a day so a re-enqueue with the same jobId within it is a no-op.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  // Failed jobs stay for the operator; the message row records the error regardless.
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * Above the slowest step: parsing a large email (nested archives, PDFs, .doc through worker
 * threads with their own timeouts) takes seconds to a minute. BullMQ renews the lock every
 * lockDuration/2 while the event loop is free; this margin covers a briefly blocked loop.
 */
export const INGEST_LOCK_DURATION_MS = 5 * 60_000;

/**
 * Acknowledgements: temporary SMTP refusals (NetEase quotas reset by the hour or the day) are
 * retried for about a day: 30 s, 1 min, 2 min … 17 h, with jitter. The reply is never lost: a row
 * whose retries run out ends 'failed' with its last error, for an operator to resend.
 */
export const ACK_JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 30_000, jitter: 0.3 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * BullMQ renews a job's lock every lockDuration/2 while the worker lives, so the lock need not
 * outlast the SMTP transaction, only a briefly blocked event loop. Short, so a send cut by a
 * killed mailer is found (and marked unknown) within about a minute.
 */
export const ACK_LOCK_DURATION_MS = 30_000;
