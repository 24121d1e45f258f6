// One pass over the folder: every UID above the stored cursor, in UID order, is handed to the
// ingestion step and only then recorded in the cursor, so a crash between the two re-fetches
// the message next time (ingestion is idempotent) instead of losing it. With a move folder the
// server's copy is moved right after accept returns: its raw bytes are durable in the blob store
// and its row committed, which is all a later parse or re-run reads. Parsing itself has not run yet
// (it is queued); waiting for it would hold the IMAP session on the slowest attachment.
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../log/logger.ts';

export type Cursor = { uidvalidity: number; lastUid: number };

export type AcceptInput = { raw: Buffer; mailbox: string; uidvalidity: number; uid: number; receivedAt: Date };

export type SyncDeps = {
  mailbox: string;
  folder: string;
  /** Folder to move mail to once its raw message and row are committed; null = never touch the server's copy. */
  moveTo: string | null;
  logger: Logger;
  getCursor(mailbox: string): Promise<Cursor | null>;
  saveCursor(mailbox: string, uidvalidity: number, lastUid: number): Promise<void>;
  accept(input: AcceptInput): Promise<{ id: unknown; duplicate: boolean }>;
  /** Asked between messages: true stops the pass after the message in hand. */
  stopping(): boolean;
};

export type SyncResult = { fetched: number; duplicates: number; rescanned: boolean };

export async function syncNewMessages(client: ImapFlow, deps: SyncDeps): Promise<SyncResult> {
  // EXAMINE (read-only) unless mail is to be moved: a read-only session cannot change flags,
  // so the bureau's mailbox looks exactly as it did (nothing marked \Seen, nothing deleted).
  const lock = await client.getMailboxLock(deps.folder, { readOnly: !deps.moveTo });
  const result: SyncResult = { fetched: 0, duplicates: 0, rescanned: false };
  try {
    const box = client.mailbox;
    if (!box) throw new Error(`folder ${deps.folder} is not open`);
    const uidvalidity = Number(box.uidValidity);
    const cursor = await deps.getCursor(deps.mailbox);
    let after = 0;
    if (cursor && cursor.uidvalidity === uidvalidity) {
      after = cursor.lastUid;
    } else if (cursor) {
      // Old UIDs mean nothing now: rescan from UID 1; the raw-hash dedup drops what we have.
      deps.logger.warn({ mailbox: deps.mailbox, old: cursor.uidvalidity, uidvalidity }, 'UIDVALIDITY changed; rescanning the folder');
      result.rescanned = true;
    }
    if (box.exists === 0) return result;
    const found = (await client.search({ uid: `${after + 1}:*` }, { uid: true })) || [];
    // "N:*" matches the highest UID even when it is below N (RFC 3501), hence the filter.
    const uids = found.filter((uid) => uid > after).sort((a, b) => a - b);
    for (const uid of uids) {
      if (deps.stopping()) break;
      const msg = await client.fetchOne(String(uid), { uid: true, source: true, internalDate: true }, { uid: true });
      if (!msg || !msg.source) {
        // Expunged between SEARCH and FETCH: nothing to keep, move on.
        deps.logger.info({ mailbox: deps.mailbox, uid }, 'message vanished before fetch');
        await deps.saveCursor(deps.mailbox, uidvalidity, uid);
        continue;
      }
      const receivedAt = toDate(msg.internalDate);
      const accepted = await deps.accept({ raw: msg.source, mailbox: deps.mailbox, uidvalidity, uid, receivedAt });
      if (deps.moveTo) await client.messageMove(String(uid), deps.moveTo, { uid: true });
      await deps.saveCursor(deps.mailbox, uidvalidity, uid);
      result.fetched += 1;
      if (accepted.duplicate) result.duplicates += 1;
      deps.logger.info(
        { mailbox: deps.mailbox, uid, id: accepted.id, duplicate: accepted.duplicate, size: msg.source.length },
        'message fetched',
      );
    }
    return result;
  } finally {
    lock.release();
  }
}

function toDate(value: Date | string | undefined): Date {
  if (value instanceof Date) return value;
  // Dovecot/NetEase always send INTERNALDATE; without one the fetch time is the best receipt time.
  return value ? new Date(value) : new Date();
}
