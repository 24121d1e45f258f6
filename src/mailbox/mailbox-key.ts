// The name a mailbox goes by in the cursor table, on message rows and in the poller lock:
// account and folder, because two accounts (or two folders) have independent UID spaces.
import type { Config } from '../config/env.ts';

export function mailboxKey(imap: Pick<Config['imap'], 'user' | 'folder'>): string {
  return `${imap.user.trim().toLowerCase()}/${imap.folder}`;
}
