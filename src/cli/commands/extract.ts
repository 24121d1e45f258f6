// `intake extract FILE.eml [FILE.eml ...]`: one JSON object per file, one per line, in the order
// given. The files are one mailbox in that order, so RESUBMISSION applies across them.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { wuhanDatasetCall2025 } from '../../campaign/campaign.ts';
import { extractEmail, judgeExtraction } from '../../extract/extract-email.ts';
import { unitKeys } from '../../validate/unit-key.ts';

export async function runExtract(args: string[]): Promise<number> {
  if (args.length === 0) {
    process.stderr.write('usage: intake extract FILE.eml [FILE.eml ...]\n');
    return 2;
  }
  const campaign = wuhanDatasetCall2025;
  const seenUnits = new Set<string>();
  for (const path of args) {
    const extraction = await extractEmail(await readFile(path), { campaign });
    const keys = extraction.submission ? unitKeys(extraction) : [];
    const isResubmission = keys.some((k) => seenUnits.has(k));
    const { output } = judgeExtraction(extraction, { campaign, isResubmission });
    if (output.is_submission) keys.forEach((k) => seenUnits.add(k));
    process.stdout.write(`${JSON.stringify({ file: basename(path), ...output })}\n`);
  }
  return 0;
}
