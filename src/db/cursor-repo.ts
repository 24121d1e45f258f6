// Where the poller stands in each mailbox: the UIDVALIDITY it saw and the last UID whose
// message is safely recorded. Saved only after acceptRawMessage committed every UID up to it.
import type { Queryable } from './pool.ts';

export type MailboxCursor = { uidvalidity: bigint | number; lastUid: number };

/** A cursor as the operators' views show it: which mailbox, and when it last moved. */
export type MailboxCursorRow = { mailbox: string; uidvalidity: number; lastUid: number; updatedAt: Date };

export type CursorRepo = {
  getCursor(mailbox: string): Promise<MailboxCursor | null>;
  listCursors(): Promise<MailboxCursorRow[]>;
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
    async listCursors() {
      const { rows } = await db.query<{ mailbox: string; uidvalidity: string; last_uid: string; updated_at: Date }>(
        'SELECT mailbox, uidvalidity, last_uid, updated_at FROM mailbox_cursors ORDER BY mailbox',
      );
      return rows.map((r) => ({
        mailbox: r.mailbox,
        uidvalidity: Number(r.uidvalidity),
        lastUid: Number(r.last_uid),
        updatedAt: r.updated_at,
      }));
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
