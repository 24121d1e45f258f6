// One email in, one extraction out: the whole read-and-judge path without any server.
// Used by `intake extract` (files, in-memory history) and by the ingest worker (database history).
import type { Campaign } from '../campaign/campaign.ts';
import { isLate, toShanghaiIso } from '../campaign/deadline.ts';
import { classifyFiles } from '../attachments/classify.ts';
import { expandAttachments } from '../attachments/expand-attachments.ts';
import { readSubmission } from '../forms/read-submission.ts';
import { parseMessage } from '../mime/parse-message.ts';
import type { ExtractOutput, Extraction, Flag, ParsedEmail } from '../types.ts';
import { findExternalLinks } from '../classify/external-links.ts';
import { detectNotSubmission } from '../classify/not-submission.ts';
import { validateExtraction } from '../validate/validate.ts';
import { checkScans } from '../scan/check-scans.ts';

export type ExtractOptions = {
  campaign: Campaign;
  /** Receipt time from the mail server (IMAP INTERNALDATE); else the top Received: header. */
  receivedAt?: Date | null;
};

/** Reads an email and its files into the submission record (no judgement yet). */
export async function extractEmail(raw: Buffer, opts: ExtractOptions): Promise<Extraction> {
  const email: ParsedEmail = await parseMessage(raw, { receivedAt: opts.receivedAt ?? null });
  const files = await expandAttachments(email.attachments);
  classifyFiles(files);
  const externalLinks = findExternalLinks(email);
  const notSubmissionReason = detectNotSubmission(email, files, externalLinks);
  const submission = notSubmissionReason ? null : readSubmission(files);
  // Only a submission's scans are read: OCR is the slowest step, and nothing else is judged on them.
  const scan = notSubmissionReason ? null : await checkScans(files);
  return { email, files, submission, externalLinks, notSubmissionReason, scan };
}

export type JudgeContext = {
  campaign: Campaign;
  /** An earlier submission (not a question) from the same unit exists. */
  isResubmission: boolean;
};

/** Flags and the JSON shape of `intake extract` for one extraction. */
export function judgeExtraction(x: Extraction, ctx: JudgeContext): { output: ExtractOutput; flags: Flag[] } {
  const flags = validateExtraction(x, ctx);
  const isSubmission = x.notSubmissionReason === null;
  const output: ExtractOutput = {
    is_submission: isSubmission,
    late: isSubmission && isLate(x.email.receivedAt, ctx.campaign.deadline),
    received_at: x.email.receivedAt ? toShanghaiIso(x.email.receivedAt) : null,
    submission: x.submission,
    // Only what the applicant attached (MIME level); archive members are listed in storage.
    attachments: x.files
      .filter((f) => f.parentIndex === null)
      .map((f) => ({ filename: f.filename, kind: f.kind ?? 'other', readable: f.readable ?? false })),
    scan: x.scan ?? null,
    flags: [...new Set(flags.map((f) => f.code))].sort(),
  };
  return { output, flags };
}
