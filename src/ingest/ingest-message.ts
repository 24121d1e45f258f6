// The ingest job: stored raw message -> extraction -> every file in the blob store -> one
// transaction writing the message fields, attachments, late flag, submission, cases, summary
// rows and flags. Idempotent: a retry or a second run replaces the same rows in place.
import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../db/pool.ts';
import { safeText } from '../db/safe-text.ts';
import { compareChainOrder, type RelatedSubmission } from '../db/submissions-repo.ts';
import { extractEmail, judgeExtraction } from '../extract/extract-email.ts';
import { PermanentError } from '../queue/permanent-error.ts';
import type { Extraction } from '../types.ts';
import { isResubmissionOf, sameUnit, unitKeys } from '../validate/unit-key.ts';
import type { AttachmentRecord } from '../db/attachments-repo.ts';

export type IngestRun = { messageId: string; attempt: number };

export type IngestResult = {
  messageId: string;
  isSubmission: boolean;
  late: boolean;
  flags: string[];
  files: number;
  /** Later versions of the same unit whose RESUBMISSION flag is now stale: re-judge them. */
  rejudge: string[];
};

export async function ingestMessage(app: AppContext, run: IngestRun): Promise<IngestResult> {
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
      const previousKeys = isSubmission ? [] : await repos.submissions.removeForMessage(tx, messageId);
      const lockKeys = [...new Set([...keys, ...previousKeys])];
      await repos.submissions.lockUnitKeys(tx, lockKeys);
      const related = await repos.submissions.findRelated(tx, lockKeys, messageId);
      const me = { receivedAt, messageId };
      const earlier = related.filter((r) => compareChainOrder(r, me) < 0);
      const later = related.filter((r) => compareChainOrder(r, me) > 0);
      const isResubmission = isSubmission && isResubmissionOf(keys, earlier.map((r) => r.unitKeys));
      const { output, flags } = judgeExtraction(extraction, { campaign: app.campaign, isResubmission });

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

      let rejudge: RelatedSubmission[] = [];
      if (isSubmission && extraction.submission) {
        await repos.submissions.upsert(tx, {
          messageId,
          receivedAt,
          late: output.late,
          submission: extraction.submission,
          flags,
          externalLinks: extraction.externalLinks,
          unitKeys: keys,
        });
        await repos.submissions.relinkVersions(tx, keys, messageId, (other) => sameUnit(keys, other));
        // A later version judged before this one arrived lacks RESUBMISSION.
        rejudge = later.filter((r) => sameUnit(keys, r.unitKeys) && !r.flags.includes('RESUBMISSION'));
      } else if (previousKeys.length > 0) {
        // This message stopped being a submission: later versions may have lost their predecessor.
        await repos.submissions.relinkVersions(tx, previousKeys, messageId, (other) => sameUnit(previousKeys, other));
        rejudge = later.filter((r) => sameUnit(previousKeys, r.unitKeys) && r.flags.includes('RESUBMISSION'));
      }
      return { output, rejudge: rejudge.map((r) => r.messageId) };
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
      error: f.error ?? null,
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
      .record({ messageId, stage, status: 'failed', attempt, durationMs: performance.now() - started, error: String((err as Error)?.message ?? err).slice(0, 4000) })
      .catch(() => undefined);
    throw err;
  }
}

function stripAngles(id: string | null): string | null {
  if (!id) return null;
  return id.trim().replace(/^<(.*)>$/, '$1') || null;
}
