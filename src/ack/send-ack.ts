// The mailer's job: send one acknowledgement at most once. The row is claimed (queued ->
// sending) before the SMTP transaction and marked after it, so every crash leaves a state that
// says what happened:
//   - crash before the claim: the row is still queued; the job (or the sweeper) runs it again;
//   - crash after the claim, before the server's answer: the row stays 'sending'; the next
//     attempt finds it so and marks it 'unknown' instead of sending again (the one window left:
//     the server may have accepted it). An operator sees it and decides whether to resend;
//   - a connection lost after the message data went out: the same, 'unknown', never retried;
//   - a refusal: temporary ones go back to 'queued' and BullMQ retries with backoff; a permanent
//     one (5xx recipient) ends 'failed' and is never retried.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app/context.ts';
import { errorText } from '../queue/permanent-error.ts';
import type { JobData, JobName } from '../queue/jobs.ts';
import { composeRaw } from './compose-raw.ts';
import { classifyDeliveryError, type SmtpErrorLike } from './delivery-error.ts';
import { createSmtpSender, type SmtpSender } from './smtp-transport.ts';

export type SendAckResult = 'sent' | 'skipped' | 'held' | 'unknown';

let sender: SmtpSender | null = null;

/** The process's SMTP transport, created on first use. */
function smtp(app: AppContext): SmtpSender {
  sender ??= createSmtpSender(app.config.ack);
  return sender;
}

export function closeSmtp(): void {
  sender?.close();
  sender = null;
}

/** No SMTP answer after the message data was sent: the server may have accepted it. */
function isAmbiguous(err: SmtpErrorLike): boolean {
  return err.responseCode === undefined && /^DATA$/i.test(err.command ?? '');
}

export async function runSendAck(app: AppContext, job: Job, data: JobData<JobName.SendAck>): Promise<SendAckResult> {
  const { outboxId } = data;
  const log = app.logger.child({ component: 'ack-mailer', outboxId, jobId: job.id, attempt: job.attemptsMade + 1 });
  if (job.deduplicationId) await job.removeDeduplicationKey();
  if (app.config.ack.mode !== 'send') {
    // Left queued: switching ACK_MODE back to send (and the sweeper) picks it up.
    log.info({ mode: app.config.ack.mode }, 'acknowledgement not sent: ACK_MODE is not send');
    return 'skipped';
  }
  const claim = await app.repos.acks.claim(outboxId, app.config.ack.perRecipientDaily);
  if ('notQueued' in claim) {
    if (claim.notQueued === 'sending') {
      await app.repos.acks.markUnknown(
        outboxId,
        'a send was interrupted (worker stopped mid-send): the server may have accepted it; not resent automatically',
      );
      log.error('interrupted send found: marked unknown, not resent');
      return 'unknown';
    }
    return 'skipped';
  }
  if ('capped' in claim) {
    log.warn({ sentToday: claim.sentToday }, 'per-recipient daily limit reached: acknowledgement held');
    return 'held';
  }
  const row = claim.claimed;
  const raw = await composeRaw(row, app.config.ack.fromName);
  let response: string;
  try {
    ({ response } = await smtp(app).send({ from: row.fromAddress, to: row.toAddress! }, raw));
  } catch (err) {
    const e = err as SmtpErrorLike;
    const error = errorText(err);
    if (isAmbiguous(e)) {
      await app.repos.acks.markUnknown(
        outboxId,
        `no answer after the message was sent (${error}): the server may have accepted it; not resent automatically`,
      );
      log.error({ err }, 'SMTP answer lost after DATA: marked unknown, not retried');
      return 'unknown';
    }
    const kind = classifyDeliveryError(e);
    if (kind === 'permanent') {
      await app.repos.acks.markFailed(outboxId, `refused by the mail server: ${e.response ?? error}`, error);
      log.warn({ err }, 'acknowledgement refused for good; not retried');
      throw new UnrecoverableError(error);
    }
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (last) {
      await app.repos.acks.markFailed(outboxId, `gave up after ${job.attemptsMade + 1} temporary failures`, error);
    } else {
      await app.repos.acks.markRetry(outboxId, error);
    }
    log[kind === 'config' ? 'error' : 'warn'](
      { err, kind, last },
      kind === 'config' ? 'SMTP login refused: check SMTP_USER/SMTP_PASS (授权码)' : 'temporary SMTP failure; will retry',
    );
    throw err;
  }
  // Accepted by the server. Only the mark is left; a database outage must not turn into a resend
  // nor into an 'unknown' an operator has to look at, so it is retried here for about a minute
  // (the job's lock is renewed meanwhile); if it still fails the row stays 'sending' (-> 'unknown').
  await retry(() => app.repos.acks.markSent(outboxId, response), 15, 5_000);
  log.info({ messageId: row.messageId, reference: row.reference }, 'acknowledgement sent');
  if (app.config.ack.sentFolder) {
    try {
      const { appendSentCopy } = await import('../mailbox/append-sent-copy.ts');
      await appendSentCopy(app.config.imap, app.config.ack.sentFolder, raw, app.logger);
      await app.repos.acks.markCopyError(outboxId, null);
    } catch (err) {
      await app.repos.acks.markCopyError(outboxId, errorText(err)).catch(() => undefined);
      log.warn({ err }, 'could not save the copy in the Sent folder (the reply was sent)');
    }
  }
  return 'sent';
}

/** Up to `times` tries, waiting 1 s, 2 s, 4 s … at most maxDelayMs between them. */
async function retry(fn: () => Promise<void>, times: number, maxDelayMs: number): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= times) throw err;
      await new Promise((r) => setTimeout(r, Math.min(maxDelayMs, 1_000 * 2 ** (i - 1))));
    }
  }
}
