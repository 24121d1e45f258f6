// One email read offline (`intake extract --applications`, tests) as an application member: the
// same fields the ingest transaction stores for a submission, with the file's position standing
// in for the database ids (it breaks receipt-time ties as the ids do in the service).
import type { ApplicationMember } from '../applications/application-types.ts';
import type { Campaign } from '../campaign/campaign.ts';
import { unitKeys } from '../versions/version-chain.ts';
import type { Extraction } from '../types.ts';
import { scanCheckOf } from '../scan/summarize-scans.ts';
import { judgeExtraction } from './extract-email.ts';

/** Null for an email that is not a submission. */
export function offlineMember(x: Extraction, index: number, campaign: Campaign): ApplicationMember | null {
  if (x.notSubmissionReason !== null || x.submission === null) return null;
  // Only `late` is needed from the judgement; RESUBMISSION plays no part in applications.
  const { output } = judgeExtraction(x, { campaign, isResubmission: false });
  return {
    messageId: String(index),
    submissionId: String(index),
    receivedAt: x.email.receivedAt,
    messageIdHeader: x.email.messageId?.trim().replace(/^<(.*)>$/, '$1') || null,
    late: output.late,
    unitKeys: unitKeys(x),
    subject: x.email.subject,
    submission: x.submission,
    files: x.files.map((f) => ({ filename: f.filename, kind: f.kind ?? null, readable: f.readable ?? null, scan: scanCheckOf(f.scan) })),
  };
}
