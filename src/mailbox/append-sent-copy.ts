// Saves a copy of a sent acknowledgement in the mailbox's Sent folder (ACK_SENT_FOLDER) by IMAP
// APPEND, so bureau staff see the replies in the 163 web mail. Best effort: the reply is already
// delivered, so a failure here is recorded on the outbox row, never retried into a second send.
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { createImapClient } from './imap-client.ts';

export async function appendSentCopy(imap: Config['imap'], folder: string, raw: Buffer, logger: Logger): Promise<void> {
  const client = createImapClient(imap, logger);
  client.on('error', () => undefined); // surfaced through the awaited calls
  try {
    await client.connect();
    await client.append(folder, raw, ['\\Seen']);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
