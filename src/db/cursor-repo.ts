// Where the poller stands in each mailbox: the UIDVALIDITY it saw and the last UID whose
// message is safely recorded. Saved only after acceptRawMessage committed every UID up to it.
import type { Queryable } from './pool.ts';

export type MailboxCursor = { uidvalidity: bigint | number; lastUid: number };

export type CursorRepo = {
  getCursor(mailbox: string): Promise<MailboxCursor | null>;
  saveCursor(mailbox: string, uidvalidity: bigint | number, lastUid: number): Promise<void>;
};

export function createCursorRepo(db: Queryable): CursorRepo {
  return {
    async getCursor(mailbox) {
      const { rows } = await db.query<{ uidvalidity: string; last_uid: string }>(
        'SELECT uidvalidity, last_uid FROM mailbox_cursors WHERE mailbox = $1',
        [mailbox],
      );
      const row = rows[0];
      if (!row) return null;
      // UIDVALIDITY and UIDs are 32-bit unsigned: exact as JS numbers.
      return { uidvalidity: Number(row.uidvalidity), lastUid: Number(row.last_uid) };
    },
    async saveCursor(mailbox, uidvalidity, lastUid) {
      // Never moves backwards within one UIDVALIDITY: a slow or second poller cannot rewind it.
      await db.query(
        `INSERT INTO mailbox_cursors (mailbox, uidvalidity, last_uid) VALUES ($1, $2, $3)
         ON CONFLICT (mailbox) DO UPDATE
           SET uidvalidity = EXCLUDED.uidvalidity, last_uid = EXCLUDED.last_uid, updated_at = now()
           WHERE mailbox_cursors.uidvalidity <> EXCLUDED.uidvalidity
              OR mailbox_cursors.last_uid < EXCLUDED.last_uid`,
        [mailbox, String(uidvalidity), lastUid],
      );
    },
  };
}
