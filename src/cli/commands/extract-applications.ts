// `intake extract --applications FILE.eml ...`: the files are one mailbox in receipt order; prints
// one JSON object per application (one line each), in the order of each unit's first member.
// Offline: the same merge rules as the ingest transaction, over members built from the files.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { applicationJson } from '../../applications/application-json.ts';
import type { ApplicationMember } from '../../applications/application-types.ts';
import { buildApplication } from '../../applications/build-application.ts';
import { groupMembers } from '../../applications/group-members.ts';
import type { Campaign } from '../../campaign/campaign.ts';
import { extractEmail, judgeExtraction } from '../../extract/extract-email.ts';
import { unitKeys } from '../../versions/version-chain.ts';

export async function runExtractApplications(paths: string[], campaign: Campaign): Promise<number> {
  const members: ApplicationMember[] = [];
  for (const [index, path] of paths.entries()) {
    let x;
    try {
      x = await extractEmail(await readFile(path), { campaign });
    } catch (err) {
      // One unreadable file must not cost the other applications: name it and go on.
      process.stderr.write(`${basename(path)}: ${(err as Error).message}\n`);
      process.exitCode = 1;
      continue;
    }
    if (x.notSubmissionReason !== null || x.submission === null) continue;
    // Only `late` is needed from the judgement; RESUBMISSION plays no part in applications.
    const { output } = judgeExtraction(x, { campaign, isResubmission: false });
    members.push({
      // The file position breaks receipt-time ties, as the database id does in the service.
      messageId: String(index),
      submissionId: String(index),
      receivedAt: x.email.receivedAt,
      messageIdHeader: x.email.messageId?.trim().replace(/^<(.*)>$/, '$1') || null,
      late: output.late,
      unitKeys: unitKeys(x),
      subject: x.email.subject,
      submission: x.submission,
      files: x.files.map((f) => ({ filename: f.filename, kind: f.kind ?? null, readable: f.readable ?? null })),
    });
  }
  for (const group of groupMembers(members)) {
    process.stdout.write(`${JSON.stringify(applicationJson(buildApplication(group, campaign)))}\n`);
  }
  return 0;
}
