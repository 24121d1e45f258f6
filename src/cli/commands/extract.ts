// `intake extract FILE.eml [FILE.eml ...]`: one JSON object per file, one per line, in the order
// given. The files are one mailbox in that order, so RESUBMISSION applies across them. Exits 1
// when any file could not be extracted (after printing every line), so a script notices.
// With --applications, one JSON object per application instead (extract-applications.ts).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadConfigOrExit } from '../../app/bootstrap.ts';
import { campaignWithDeadline } from '../../campaign/campaign.ts';
import { extractEmail, judgeExtraction } from '../../extract/extract-email.ts';
import { missingToolsMessage, scanTools } from '../../scan/scan-tools.ts';
import { isResubmissionOf, unitKeys } from '../../versions/version-chain.ts';
import { runExtractApplications } from './extract-applications.ts';

export async function runExtract(argv: string[]): Promise<number> {
  const applications = argv.includes('--applications');
  const args = argv.filter((a) => a !== '--applications');
  if (args.length === 0) {
    process.stderr.write('usage: intake extract [--applications] FILE.eml [FILE.eml ...]\n');
    return 2;
  }
  // Only the deadline matters offline (INTAKE_DEADLINE); no server setting is needed.
  const campaign = campaignWithDeadline(loadConfigOrExit('tool').deadline);
  // stderr only: stdout carries nothing but the JSON lines.
  const missing = missingToolsMessage(await scanTools());
  if (missing) process.stderr.write(`intake extract: warning: ${missing}\n`);
  if (applications) return runExtractApplications(args, campaign);
  // Identity keys of every earlier submission (questions and other non-submissions excluded).
  const earlier: string[][] = [];
  let failed = 0;
  for (const path of args) {
    let extraction;
    try {
      extraction = await extractEmail(await readFile(path), { campaign });
    } catch (err) {
      // One unreadable file must not cost the others their line: report it in place.
      const error = (err as Error).message;
      process.stdout.write(
        `${JSON.stringify({ file: basename(path), error, is_submission: false, late: false, received_at: null, submission: null, attachments: [], flags: [] })}\n`,
      );
      failed++;
      continue;
    }
    const keys = extraction.submission ? unitKeys(extraction) : [];
    const isResubmission = isResubmissionOf(keys, earlier);
    const { output } = judgeExtraction(extraction, { campaign, isResubmission });
    if (output.is_submission) earlier.push(keys);
    process.stdout.write(`${JSON.stringify({ file: basename(path), ...output })}\n`);
  }
  // Returned, not set on process.exitCode: main.ts sets the exit code from this value.
  return failed > 0 ? 1 : 0;
}
