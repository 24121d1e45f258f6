// The ingest job: stored raw message -> extraction -> every file in the blob store -> one
// transaction writing the message fields, attachments, late flag, submission, cases, summary
// rows and flags. Idempotent: a retry or a second run updates the same rows in place (their ids
// never change), and two runs of one message never interleave (withMessageLock).
import type { AppContext } from '../app/context.ts';
import type { AttachmentRecord } from '../db/attachments-repo.ts';
import { ackApplicationView, writeAckIntent } from '../ack/write-ack-intent.ts';
import { withMessageLock, type HeldMessageLock } from '../db/message-lock.ts';
import { withTransaction } from '../db/pool.ts';
import { safeText } from '../db/safe-text.ts';
import { extractEmail, judgeExtraction } from '../extract/extract-email.ts';
import { PermanentError } from '../queue/permanent-error.ts';
import { scanCheckOf } from '../scan/summarize-scans.ts';
import type { Extraction } from '../types.ts';
import { numberChain, planChain, unitKeys } from '../versions/version-chain.ts';
import { updateApplications } from './update-applications.ts';

export type IngestRun = { messageId: string; attempt: number };

export type IngestResult = {
  messageId: string;
  isSubmission: boolean;
  late: boolean;
  flags: string[];
  files: number;
  /** Later versions of the same unit whose RESUBMISSION flag is now stale: re-judge them. */
  rejudge: string[];
  /** The acknowledgement written by this run, when it is ready to send (the caller queues it). */
  ackToSend: string | null;
};

export function ingestMessage(app: AppContext, run: IngestRun): Promise<IngestResult> {
  return withMessageLock(app.pool, run.messageId, (lock) => ingestLocked(app, run, lock));
}

async function ingestLocked(app: AppContext, run: IngestRun, lock: HeldMessageLock): Promise<IngestResult> {
  const { messageId, attempt } = run;
  const { repos, store } = app;
  const log = app.logger.child({ component: 'ingest', messageId, attempt });

  const row = await repos.messages.findById(messageId);
  if (!row) throw new PermanentError(`message ${messageId} does not exist`);
  await repos.messages.markProcessing(messageId, attempt);

  const extraction = await timed(app, messageId, attempt, 'extract', async () => {
    const raw = await store.get(row.rawSha256);
    // Made storable once, before anything is judged or written: every row below derives from it.
    return safeText(await extractEmail(raw, { campaign: app.campaign, receivedAt: row.receivedAt }));
  });

  // Files before rows: a committed attachment row always points at a stored blob.
  const files = await timed(app, messageId, attempt, 'store_files', () => storeFiles(app, extraction));

  const isSubmission = extraction.notSubmissionReason === null && extraction.submission !== null;
  const keys = isSubmission ? unitKeys(extraction) : [];
  const receivedAt = row.receivedAt ?? extraction.email.receivedAt;

  const written = await timed(app, messageId, attempt, 'write', () =>
    withTransaction(app.pool, async (tx) => {
      const previousKeys = isSubmission ? [] : await repos.submissions.deactivate(tx, messageId);
      const lockKeys = [...new Set([...keys, ...previousKeys])];
      await repos.submissions.lockUnitKeys(tx, lockKeys);
      const related = (await repos.submissions.findByUnitKeys(tx, lockKeys)).filter((r) => r.messageId !== messageId);
      const plan = planChain({ messageId, receivedAt, isSubmission, keys, previousKeys }, related);
      const { output, flags } = judgeExtraction(extraction, {
        campaign: app.campaign,
        isResubmission: isSubmission && plan.isResubmission,
      });

      await repos.messages.markParsed(
        messageId,
        {
          messageIdHeader: stripAngles(extraction.email.messageId),
          receivedAt,
          senderAddress: extraction.email.fromAddress,
          senderName: extraction.email.fromName,
          subject: extraction.email.subject,
          sentAt: extraction.email.sentAt,
          isSubmission: output.is_submission,
          notSubmissionReason: extraction.notSubmissionReason,
          late: output.late,
          output,
        },
        tx,
      );
      await repos.attachments.replaceForMessage(tx, messageId, files);

      let mine: { id: string; inserted: boolean } | null = null;
      if (isSubmission && extraction.submission) {
        mine = await repos.submissions.upsert(tx, {
          messageId,
          receivedAt,
          late: output.late,
          submission: extraction.submission,
          flags,
          externalLinks: extraction.externalLinks,
          unitKeys: keys,
        });
      }
      if (lockKeys.length > 0) {
        // Renumber the chain(s) this message is in now and was in before; a version that moves
        // under an existing row is recorded on that row's message, never silent.
        const candidates = await repos.submissions.findByUnitKeys(tx, lockKeys);
        const anchorKeys = isSubmission ? keys : previousKeys;
        const assignments = numberChain({ messageId, keys: anchorKeys }, candidates);
        const changes = await repos.submissions.applyVersions(tx, assignments, mine?.inserted ? mine.id : null);
        for (const c of changes) {
          await repos.events.record(
            {
              messageId: c.messageId,
              stage: 'version',
              status: 'ok',
              detail: { submissionId: c.submissionId, from: c.from, to: c.to, causedBy: messageId },
            },
            tx,
          );
        }
      }
      const application = await updateApplications(app, tx, messageId, lockKeys);
      // The acknowledgement's intent commits with the fact it acknowledges, once per message, and
      // summarises the unit's application as this email leaves it.
      const ack = await writeAckIntent(
        tx,
        { repos, ack: app.config.ack, campaign: app.campaign },
        {
          messageRowId: messageId,
          receivedAt,
          extraction,
          isSubmission: output.is_submission,
          flags,
          application: application ? ackApplicationView(application) : undefined,
        },
      );
      // Last, just before COMMIT: this run still holds the message's lock (see assertHeld).
      await lock.assertHeld();
      return { output, rejudge: plan.rejudge, ack };
    }),
  );

  log.info(
    { isSubmission: written.output.is_submission, late: written.output.late, flags: written.output.flags, files: files.length },
    'message ingested',
  );
  return {
    messageId,
    isSubmission: written.output.is_submission,
    late: written.output.late,
    flags: written.output.flags,
    files: files.length,
    rejudge: written.rejudge,
    ackToSend: written.ack?.state === 'queued' ? written.ack.id : null,
  };
}

async function storeFiles(app: AppContext, x: Extraction): Promise<AttachmentRecord[]> {
  const records: AttachmentRecord[] = [];
  for (const [ordinal, f] of x.files.entries()) {
    const blob = await app.store.put(f.content);
    records.push({
      ordinal,
      parentOrdinal: f.parentIndex,
      depth: f.depth,
      filename: f.filename,
      contentType: f.contentType || null,
      size: blob.size,
      sha256: blob.sha256,
      location: blob.location,
      format: f.format ?? null,
      kind: f.kind ?? null,
      readable: f.readable ?? null,
      // A readable file read only in part keeps its note here (what was left unread).
      error: f.error ?? f.note ?? null,
      parseMs: f.parseMs ?? null,
      scanText: f.scan?.text ?? null,
      scanCheck: f.scan ? { ...scanCheckOf(f.scan)!, ...(f.scan.error ? { error: f.scan.error } : {}) } : null,
    });
  }
  return records;
}

/** Runs one stage and records it in processing_events with its duration (failures too). */
async function timed<T>(app: AppContext, messageId: string, attempt: number, stage: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await fn();
    await app.repos.events.record({ messageId, stage, status: 'ok', attempt, durationMs: performance.now() - started });
    return result;
  } catch (err) {
    await app.repos.events
      .record({
        messageId,
        stage,
        status: 'failed',
        attempt,
        durationMs: performance.now() - started,
        error: String((err as Error)?.message ?? err).slice(0, 4000),
      })
      .catch(() => undefined);
    throw err;
  }
}

function stripAngles(id: string | null): string | null {
  if (!id) return null;
  return id.trim().replace(/^<(.*)>$/, '$1') || null;
}
