// Retry policy and lock timing, in one place.
import type { JobsOptions } from 'bullmq';

/**
 * Transient failures (database restart, Redis blip, disk full) retry: 2 s, 4 s, 8 s … 128 s, each
 * between half and all of that (jitter). Eight attempts outlast a database away for about a
 * minute even at the shortest draws (the fault drill stops PostgreSQL for 20 s mid-burst); a run
 * that fails for good while the database is still away is queued again by recover-lost-jobs.ts.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  // Completed jobs stay a day so a re-enqueue with the same jobId within it is a no-op.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  // Failed jobs stay for the operator; the message row records the error regardless.
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * How fast a job whose worker died (SIGKILL, OOM, a lost machine) runs again. BullMQ renews the
 * lock every lockDuration/2 while the worker's event loop is free, so the lock need not outlast
 * the slowest email, only a blocked loop: parsing runs in child processes, and the main thread's
 * longest steps (MIME decoding, one transaction) take seconds. A dead worker's lock expires at most
 * 30 s after its last renewal; the stalled-job check (every 10 s, on any live worker) moves the job
 * back to wait at the first check after that, so it runs again within about 40 s. A lock lost by a
 * live but blocked worker costs one extra run, never a wrong one: runs of a message are serialized
 * (withMessageLock) and idempotent, and the reply is written once per message.
 */
export const INGEST_LOCK_DURATION_MS = 30_000;
export const INGEST_STALLED_INTERVAL_MS = 10_000;

/**
 * A row with a job pending but untouched for this long counts as stuck for `intake reprocess
 * --failed`. Rows whose job is gone are re-queued on their own (recover-lost-jobs.ts); this is
 * the operator's fallback, long enough not to catch mail merely waiting in a backlog.
 */
export const INGEST_STUCK_AFTER_MS = 5 * 60_000;

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
