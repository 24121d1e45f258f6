// Puts .eml files into an IMAP folder the way mail arrives: APPEND with the top Received: time
// as INTERNALDATE (what the poller records as receipt time). Files whose Message-ID is already
// in the folder are skipped, so re-running the demo does not duplicate its mailbox.
//
//   IMAP_HOST=… IMAP_PORT=… IMAP_USER=… IMAP_PASS=… npx tsx scripts/append-mailbox.ts DIR_OR_FILES… [--folder INBOX]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { readRawHeaders } from '../src/mime/raw-headers.ts';
import { receivedAtFromHeaders } from '../src/mime/received-at.ts';

const args = process.argv.slice(2);
const folderAt = args.indexOf('--folder');
const folder = folderAt >= 0 ? args.splice(folderAt, 2)[1] : 'INBOX';
const files = args.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .map((f) => join(p, f))
    : [p],
);
if (files.length === 0) {
  process.stderr.write('usage: append-mailbox.ts DIR_OR_FILE.eml… [--folder NAME]\n');
  process.exit(2);
}

const client = new ImapFlow({
  host: process.env.IMAP_HOST ?? '127.0.0.1',
  port: Number(process.env.IMAP_PORT ?? 1143),
  secure: process.env.IMAP_TLS === 'true',
  auth: { user: process.env.IMAP_USER ?? 'demo', pass: process.env.IMAP_PASS ?? 'demo-pass' },
  logger: false,
});
await client.connect();
let added = 0;
let skipped = 0;
try {
  const existing = await client.list();
  if (!existing.some((b) => b.path === folder)) await client.mailboxCreate(folder);
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  const present = new Set<string>();
  try {
    for await (const msg of client.fetch('1:*', { envelope: true })) if (msg.envelope?.messageId) present.add(msg.envelope.messageId);
  } catch {
    // empty folder: "1:*" matches nothing on some servers and errors on others
  } finally {
    lock.release();
  }
  for (const file of files) {
    const raw = readFileSync(file);
    const headers = readRawHeaders(raw);
    const messageId = headers.find((h) => h.name === 'message-id')?.value.trim();
    if (messageId && present.has(messageId)) {
      skipped += 1;
      continue;
    }
    await client.append(folder, raw, [], receivedAtFromHeaders(headers) ?? new Date());
    added += 1;
  }
} finally {
  await client.logout();
}
process.stderr.write(`[append-mailbox] ${added} appended, ${skipped} already there (folder ${folder})\n`);
