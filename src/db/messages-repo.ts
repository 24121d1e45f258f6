// messages: one row per distinct raw message. The unique keys (raw_sha256; mailbox+uidvalidity+uid)
// make a re-fetch, a UIDVALIDITY rescan and a re-import no-ops.
import type { ExtractOutput } from '../types.ts';
import type { Queryable } from './pool.ts';

export type MessageStatus = 'fetched' | 'processing' | 'parsed' | 'failed';

export type MessageRow = {
  id: string;
  source: 'imap' | 'import';
  mailbox: string;
  uidvalidity: string | null;
  uid: string | null;
  receivedAt: Date | null;
  rawSha256: string;
  rawSize: number;
  rawLocation: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  subject: string | null;
  senderAddress: string | null;
  late: boolean | null;
  isSubmission: boolean | null;
};

export type NewMessage = {
  source: 'imap' | 'import';
  mailbox: string;
  uidvalidity: number | bigint | null;
  uid: number | null;
  receivedAt: Date | null;
  rawSha256: string;
  rawSize: number;
  rawLocation: string;
};

export type ParsedMessageFields = {
  messageIdHeader: string | null;
  receivedAt: Date | null;
  senderAddress: string | null;
  senderName: string | null;
  subject: string;
  sentAt: Date | null;
  isSubmission: boolean;
  notSubmissionReason: string | null;
  late: boolean;
  output: ExtractOutput;
};

const COLUMNS = `id::text AS id, source, mailbox, uidvalidity::text AS uidvalidity, uid::text AS uid,
  received_at AS "receivedAt", raw_sha256 AS "rawSha256", raw_size AS "rawSize", raw_location AS "rawLocation",
  status, attempts, last_error AS "lastError", subject, sender_address AS "senderAddress", late,
  is_submission AS "isSubmission"`;

export type MessagesRepo = {
  /** Inserts the row, or finds the existing one for the same raw bytes or the same UID. */
  insertOrFind(m: NewMessage): Promise<{ row: MessageRow; inserted: boolean }>;
  findById(id: string, db?: Queryable): Promise<MessageRow | null>;
  markProcessing(id: string, attempt: number): Promise<void>;
  markParsed(id: string, fields: ParsedMessageFields, db: Queryable): Promise<void>;
  markRetrying(id: string, error: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Marks a fetched/processing row failed; false if it had already finished (parsed or failed). */
  markFailedIfUnfinished(id: string, error: string): Promise<boolean>;
  /** Status of each of the given ids (import --wait). */
  statuses(ids: string[]): Promise<Map<string, MessageStatus>>;
  /** Ids of the messages in any of these states, oldest receipt first (intake reprocess). */
  idsWithStatus(statuses: MessageStatus[]): Promise<string[]>;
  /** Ids of fetched/processing rows untouched for longer than olderThanMs: their job died or was lost. */
  idsStuck(olderThanMs: number): Promise<string[]>;
};

export function createMessagesRepo(pool: Queryable): MessagesRepo {
  async function findById(id: string, db: Queryable = pool): Promise<MessageRow | null> {
    const { rows } = await db.query<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  return {
    async insertOrFind(m) {
      const uidvalidity = m.uidvalidity == null ? null : String(m.uidvalidity);
      const inserted = await pool.query<MessageRow>(
        `INSERT INTO messages (source, mailbox, uidvalidity, uid, received_at, raw_sha256, raw_size, raw_location)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING
         RETURNING ${COLUMNS}`,
        [m.source, m.mailbox, uidvalidity, m.uid, m.receivedAt, m.rawSha256, m.rawSize, m.rawLocation],
      );
      if (inserted.rows[0]) return { row: inserted.rows[0], inserted: true };
      const existing = await pool.query<MessageRow>(
        `SELECT ${COLUMNS} FROM messages
         WHERE raw_sha256 = $1 OR (mailbox = $2 AND uidvalidity = $3 AND uid = $4)
         ORDER BY (raw_sha256 = $1) DESC LIMIT 1`,
        [m.rawSha256, m.mailbox, uidvalidity, m.uid],
      );
      const row = existing.rows[0];
      // Only possible if the conflicting row was deleted in between: surface it, the caller retries.
      if (!row) throw new Error(`message ${m.rawSha256} conflicted but cannot be found`);
      return { row, inserted: false };
    },

    findById,

    async markProcessing(id, attempt) {
      await pool.query(
        `UPDATE messages SET status = CASE WHEN status = 'parsed' THEN status ELSE 'processing' END,
           attempts = GREATEST(attempts, $2), updated_at = now() WHERE id = $1`,
        [id, attempt],
      );
    },

    async markParsed(id, f, db) {
      await db.query(
        `UPDATE messages SET status = 'parsed', last_error = NULL, message_id_header = $2,
           received_at = COALESCE(received_at, $3), sender_address = $4, sender_name = $5, subject = $6,
           sent_at = $7, is_submission = $8, not_submission_reason = $9, late = $10, extract_output = $11,
           updated_at = now()
         WHERE id = $1`,
        [id, f.messageIdHeader, f.receivedAt, f.senderAddress, f.senderName, f.subject, f.sentAt, f.isSubmission, f.notSubmissionReason, f.late, JSON.stringify(f.output)],
      );
    },

    async markRetrying(id, error) {
      await pool.query(
        `UPDATE messages SET status = CASE WHEN status = 'parsed' THEN status ELSE 'fetched' END,
           last_error = $2, updated_at = now() WHERE id = $1`,
        [id, error],
      );
    },

    async markFailed(id, error) {
      // A message parsed earlier keeps its committed extraction; a failed re-run only records the error.
      await pool.query(
        `UPDATE messages SET status = CASE WHEN status = 'parsed' THEN status ELSE 'failed' END,
           last_error = $2, updated_at = now() WHERE id = $1`,
        [id, error],
      );
    },

    async markFailedIfUnfinished(id, error) {
      const { rowCount } = await pool.query(
        `UPDATE messages SET status = 'failed', last_error = $2, updated_at = now()
         WHERE id = $1 AND status IN ('fetched', 'processing')`,
        [id, error],
      );
      return (rowCount ?? 0) > 0;
    },

    async statuses(ids) {
      const { rows } = await pool.query<{ id: string; status: MessageStatus }>(
        'SELECT id::text AS id, status FROM messages WHERE id = ANY($1::bigint[])',
        [ids],
      );
      return new Map(rows.map((r) => [r.id, r.status]));
    },

    async idsWithStatus(statuses) {
      const { rows } = await pool.query<{ id: string }>(
        'SELECT id::text AS id FROM messages WHERE status = ANY($1::text[]) ORDER BY received_at NULLS LAST, id',
        [statuses],
      );
      return rows.map((r) => r.id);
    },

    async idsStuck(olderThanMs) {
      // updated_at moves on every status change (markProcessing, markRetrying), so an old one means
      // no worker has touched the row for longer than a job may hold its lock.
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id::text AS id FROM messages
         WHERE status IN ('fetched', 'processing') AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
         ORDER BY received_at NULLS LAST, id`,
        [olderThanMs],
      );
      return rows.map((r) => r.id);
    },
  };
}
