// Renders the acknowledgement of one email exactly as the service would (same facts, same
// templates) into docs/ack-example.txt and docs/ack-example.html, for the README; with
// --screenshot, Debian's headless Chromium also photographs the HTML to docs/ack-example.png.
//   npx tsx scripts/render-ack-example.ts [FILE.eml] [--screenshot]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAckView } from '../src/ack/ack-view.ts';
import { renderReply } from '../src/ack/render-reply.ts';
import { ackFacts } from '../src/ack/write-ack-intent.ts';
import { campaignWithDeadline } from '../src/campaign/campaign.ts';
import { loadConfig } from '../src/config/env.ts';
import { extractEmail, judgeExtraction } from '../src/extract/extract-email.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/sample-mailbox/s05-gbk-names-missing-form2.eml';
const config = loadConfig(process.env, 'tool');
const campaign = campaignWithDeadline(config.deadline);
const extraction = await extractEmail(readFileSync(file), { campaign });
const { output, flags } = judgeExtraction(extraction, { campaign, isResubmission: false });
const view = buildAckView(
  ackFacts({ messageRowId: '42', receivedAt: extraction.email.receivedAt, extraction, isSubmission: output.is_submission, flags }),
  campaign,
);
const reply = renderReply(view, config.ack.templateDir);
writeFileSync('docs/ack-example.txt', `Subject: ${reply.subject}\n\n${reply.text}`);
writeFileSync('docs/ack-example.html', reply.html);
process.stdout.write(`Subject: ${reply.subject}\n\n${reply.text}`);
if (args.includes('--screenshot')) {
  const html = resolve('docs/ack-example.html');
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--screenshot=${resolve('docs/ack-example.png')}`,
      '--window-size=760,980',
      `file://${html}`,
    ],
    { stdio: 'ignore' },
  );
  process.stdout.write('\nscreenshot: docs/ack-example.png\n');
}
