// messages: one row per distinct raw message. The unique keys (raw_sha256; mailbox+uidvalidity+uid)
// make a re-fetch, a UIDVALIDITY rescan and a re-import no-ops.
import type { ExtractOutput } from '../types.ts';
import type { Queryable } from './pool.ts';

/**
 * Pipeline state: new (stored, first job queued), queued (a re-run requested), processing,
 * retry_wait (a run failed and BullMQ retries it later), done (no job pending).
 */
export type MessageStatus = 'new' | 'queued' | 'processing' | 'retry_wait' | 'done';
/** How the last finished job ended; null while none has finished. */
export type RunResult = 'ok' | 'failed';

/** Where a message stands: its pipeline state and the result of its last finished run. */
export type RunState = { status: MessageStatus; lastRun: RunResult | null; runStartedAt: Date | null };

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
  lastRun: RunResult | null;
  lastRunAt: Date | null;
  parsedAt: Date | null;
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
  status, last_run AS "lastRun", last_run_at AS "lastRunAt", parsed_at AS "parsedAt", attempts, last_error AS "lastError", subject, sender_address AS "senderAddress", late,
  is_submission AS "isSubmission"`;

export type MessagesRepo = {
  /** Inserts the row, or finds the existing one for the same raw bytes or the same UID. */
  insertOrFind(m: NewMessage): Promise<{ row: MessageRow; inserted: boolean }>;
  findById(id: string, db?: Queryable): Promise<MessageRow | null>;
  /** A re-run was requested; returns the database time of the request (see runStates). */
  markQueued(ids: string[]): Promise<Date>;
  markProcessing(id: string, attempt: number): Promise<void>;
  /** Inside the run's transaction: the extraction is committed and the run ended well. */
  markParsed(id: string, fields: ParsedMessageFields, db: Queryable): Promise<void>;
  /** The run failed and will be retried: the previous extraction (if any) stays. */
  markRetrying(id: string, error: string): Promise<void>;
  /** The run failed for good: the previous extraction (if any) stays, the failure shows. */
  markFailed(id: string, error: string): Promise<void>;
  /** Marks a row whose job is pending failed; false if no job was pending (status done). */
  markFailedIfUnfinished(id: string, error: string): Promise<boolean>;
  /** Pipeline state and last result of each of the given ids (import/reprocess --wait). */
  runStates(ids: string[]): Promise<Map<string, RunState>>;
  /** Ids whose last finished run failed, oldest receipt first (intake reprocess --failed). */
  idsLastRunFailed(): Promise<string[]>;
  /** Every id, oldest receipt first (intake reprocess --all). */
  allIds(): Promise<string[]>;
  /** Ids with a job pending but untouched for longer than olderThanMs: their job died or was lost. */
  idsStuck(olderThanMs: number): Promise<string[]>;
};

/** Statuses in which a job for the message should exist. */
export const PENDING_STATUSES: readonly MessageStatus[] = ['new', 'queued', 'processing', 'retry_wait'];

export function createMessagesRepo(pool: Queryable): MessagesRepo {
  async function findById(id: string, db: Queryable = pool): Promise<MessageRow | null> {
    const { rows } = await db.query<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  const ids = async (sql: string, params: unknown[] = []) => (await pool.query<{ id: string }>(sql, params)).rows.map((r) => r.id);

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

    async markQueued(list) {
      // A row being processed stays 'processing': its run is still going, ours comes after it.
      const { rows } = await pool.query<{ now: Date }>(
        `WITH q AS (
           UPDATE messages SET status = CASE WHEN status = 'processing' THEN status ELSE 'queued' END, updated_at = now()
           WHERE id = ANY($1::bigint[]) RETURNING 1)
         SELECT now() AS now FROM (SELECT count(*) FROM q) c`,
        [list],
      );
      return rows[0]!.now;
    },

    async markProcessing(id, attempt) {
      await pool.query(
        `UPDATE messages SET status = 'processing', run_started_at = now(), attempts = GREATEST(attempts, $2),
           updated_at = now() WHERE id = $1`,
        [id, attempt],
      );
    },

    async markParsed(id, f, db) {
      await db.query(
        `UPDATE messages SET status = 'done', last_run = 'ok', last_run_at = now(), parsed_at = now(),
           last_error = NULL, message_id_header = $2,
           received_at = COALESCE(received_at, $3), sender_address = $4, sender_name = $5, subject = $6,
           sent_at = $7, is_submission = $8, not_submission_reason = $9, late = $10, extract_output = $11,
           updated_at = now()
         WHERE id = $1`,
        [
          id,
          f.messageIdHeader,
          f.receivedAt,
          f.senderAddress,
          f.senderName,
          f.subject,
          f.sentAt,
          f.isSubmission,
          f.notSubmissionReason,
          f.late,
          JSON.stringify(f.output),
        ],
      );
    },

    async markRetrying(id, error) {
      await pool.query(`UPDATE messages SET status = 'retry_wait', last_error = $2, updated_at = now() WHERE id = $1`, [id, error]);
    },

    async markFailed(id, error) {
      // The extraction committed by an earlier run (if any) stays readable; parsed_at says when.
      await pool.query(
        `UPDATE messages SET status = 'done', last_run = 'failed', last_run_at = now(), last_error = $2, updated_at = now()
         WHERE id = $1`,
        [id, error],
      );
    },

    async markFailedIfUnfinished(id, error) {
      const { rowCount } = await pool.query(
        `UPDATE messages SET status = 'done', last_run = 'failed', last_run_at = now(), last_error = $2, updated_at = now()
         WHERE id = $1 AND status <> 'done'`,
        [id, error],
      );
      return (rowCount ?? 0) > 0;
    },

    async runStates(list) {
      const { rows } = await pool.query<{ id: string } & RunState>(
        `SELECT id::text AS id, status, last_run AS "lastRun", run_started_at AS "runStartedAt"
         FROM messages WHERE id = ANY($1::bigint[])`,
        [list],
      );
      return new Map(rows.map(({ id, ...state }) => [id, state]));
    },

    idsLastRunFailed: () => ids(`SELECT id::text AS id FROM messages WHERE last_run = 'failed' ORDER BY received_at NULLS LAST, id`),

    allIds: () => ids('SELECT id::text AS id FROM messages ORDER BY received_at NULLS LAST, id'),

    idsStuck: (olderThanMs) =>
      // updated_at moves on every state change (queued, processing, retry_wait), so an old one
      // means no worker has touched the row for longer than a job may hold its lock.
      ids(
        `SELECT id::text AS id FROM messages
         WHERE status <> 'done' AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
         ORDER BY received_at NULLS LAST, id`,
        [olderThanMs],
      ),
  };
}
