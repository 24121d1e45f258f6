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
import { extractEmail } from '../../extract/extract-email.ts';
import { offlineMember } from '../../extract/offline-member.ts';

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
    const member = offlineMember(x, index, campaign);
    if (member) members.push(member);
  }
  for (const group of groupMembers(members)) {
    process.stdout.write(`${JSON.stringify(applicationJson(buildApplication(group, campaign)))}\n`);
  }
  return 0;
}
