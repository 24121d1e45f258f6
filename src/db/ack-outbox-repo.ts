// ack_outbox: one acknowledgement per submission email (kind 'ack'), plus operators' explicit
// resends. Every state change is one conditional UPDATE, so two workers (or a redelivered job)
// can never both move a row into 'sending': the claim is the only door to the SMTP transaction.
import { withTransaction, type Pool, type Queryable } from './pool.ts';

export type AckState = 'held' | 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'dry_run' | 'unknown';

export type AckRow = {
  id: string;
  messageId: string;
  kind: 'ack' | 'resend';
  state: AckState;
  reason: string | null;
  reference: string;
  toAddress: string | null;
  fromAddress: string;
  subject: string;
  messageIdHeader: string;
  inReplyTo: string | null;
  references: string | null;
  textBody: string;
  htmlBody: string;
  attempts: number;
  lastError: string | null;
  smtpResponse: string | null;
  requestedBy: string | null;
  releasedBy: string | null;
  sentAt: Date | null;
  createdAt: Date;
};

export type NewAck = Omit<AckRow, 'id' | 'attempts' | 'lastError' | 'smtpResponse' | 'sentAt' | 'createdAt' | 'releasedBy'>;

const COLUMNS = `id::text AS id, message_id::text AS "messageId", kind, state, reason, reference, to_address AS "toAddress",
  from_address AS "fromAddress", subject, message_id_header AS "messageIdHeader", in_reply_to AS "inReplyTo",
  "references", text_body AS "textBody", html_body AS "htmlBody", attempts, last_error AS "lastError",
  smtp_response AS "smtpResponse", requested_by AS "requestedBy", released_by AS "releasedBy", sent_at AS "sentAt", created_at AS "createdAt"`;

export type ClaimResult = { claimed: AckRow } | { capped: AckRow; sentToday: number } | { notQueued: AckState | null };

export type AckOutboxRepo = {
  /** Inside the ingest transaction: the message's acknowledgement, once. Null when it exists already. */
  insertAckOnce(db: Queryable, ack: NewAck): Promise<string | null>;
  insertResend(ack: NewAck): Promise<AckRow>;
  findById(id: string): Promise<AckRow | null>;
  list(filter: { state?: AckState; messageId?: string; limit?: number }): Promise<AckRow[]>;
  idsInState(state: AckState): Promise<string[]>;
  /** Rows in 'sending' for longer than olderThanMs: no live job can still be on them. */
  staleSending(olderThanMs: number): Promise<string[]>;
  /**
   * queued -> sending, unless the recipient already had `cap` replies sent (or being sent) in the
   * last 24 hours: then queued -> held. Serialized per recipient so two workers cannot both pass.
   */
  claim(id: string, cap: number): Promise<ClaimResult>;
  markSent(id: string, smtpResponse: string): Promise<void>;
  /** sending -> queued: the server refused for now; BullMQ retries. */
  markRetry(id: string, error: string): Promise<void>;
  /** sending -> failed (permanent refusal, or retries exhausted). */
  markFailed(id: string, reason: string, error: string): Promise<void>;
  /** A claimed send ended without knowing whether the server accepted it: never sent again automatically. */
  markUnknown(id: string, reason: string): Promise<boolean>;
  markCopyError(id: string, error: string | null): Promise<void>;
  /** held -> queued by an operator. */
  release(id: string, by: string): Promise<boolean>;
};

export function createAckOutboxRepo(pool: Pool): AckOutboxRepo {
  const one = async (sql: string, params: unknown[]) => (await pool.query<AckRow>(sql, params)).rows[0] ?? null;
  const values = (a: NewAck) => [
    a.messageId,
    a.kind,
    a.state,
    a.reason,
    a.reference,
    a.toAddress,
    a.fromAddress,
    a.subject,
    a.messageIdHeader,
    a.inReplyTo,
    a.references,
    a.textBody,
    a.htmlBody,
    a.requestedBy,
  ];
  const INSERT = `INSERT INTO ack_outbox (message_id, kind, state, reason, reference, to_address, from_address, subject,
      message_id_header, in_reply_to, "references", text_body, html_body, requested_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

  return {
    async insertAckOnce(db, ack) {
      const { rows } = await db.query<{ id: string }>(
        `${INSERT} ON CONFLICT (message_id) WHERE kind = 'ack' DO NOTHING RETURNING id::text AS id`,
        values(ack),
      );
      return rows[0]?.id ?? null;
    },

    async insertResend(ack) {
      return (await one(`${INSERT} RETURNING ${COLUMNS}`, values({ ...ack, kind: 'resend' })))!;
    },

    async staleSending(olderThanMs) {
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id::text AS id FROM ack_outbox WHERE state = 'sending' AND sending_at < now() - make_interval(secs => $1::double precision / 1000)`,
        [olderThanMs],
      );
      return rows.map((r) => r.id);
    },

    findById: (id) => one(`SELECT ${COLUMNS} FROM ack_outbox WHERE id = $1`, [id]),

    async list(f) {
      const { rows } = await pool.query<AckRow>(
        `SELECT ${COLUMNS} FROM ack_outbox
         WHERE ($1::text IS NULL OR state = $1) AND ($2::bigint IS NULL OR message_id = $2)
         ORDER BY id DESC LIMIT $3`,
        [f.state ?? null, f.messageId ?? null, f.limit ?? 100],
      );
      return rows;
    },

    async idsInState(state) {
      const { rows } = await pool.query<{ id: string }>('SELECT id::text AS id FROM ack_outbox WHERE state = $1 ORDER BY id', [state]);
      return rows.map((r) => r.id);
    },

    claim(id, cap) {
      return withTransaction(pool, async (tx): Promise<ClaimResult> => {
        const row = (await tx.query<AckRow>(`SELECT ${COLUMNS} FROM ack_outbox WHERE id = $1 FOR UPDATE`, [id])).rows[0];
        if (!row || row.state !== 'queued') return { notQueued: row?.state ?? null };
        // Serialized per recipient until commit, so two workers cannot both count 4 and send a 6th.
        const recipient = (row.toAddress ?? '').toLowerCase();
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7241865))', [`ack-recipient:${recipient}`]);
        const { rows } = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ack_outbox
           WHERE lower(to_address) = $1 AND id <> $2
             AND ((state = 'sent' AND sent_at > now() - interval '24 hours')
               OR (state IN ('sending', 'unknown') AND sending_at > now() - interval '24 hours'))`,
          [recipient, id],
        );
        const sentToday = rows[0]!.n;
        // An operator's explicit send (a release or a resend) is a decision, not a loop: no cap.
        const explicit = row.kind === 'resend' || row.releasedBy !== null;
        if (sentToday >= cap && !explicit) {
          const reason = `daily limit of ${cap} replies to this address reached`;
          await tx.query(`UPDATE ack_outbox SET state = 'held', reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
          return { capped: { ...row, state: 'held', reason }, sentToday };
        }
        await tx.query(
          `UPDATE ack_outbox SET state = 'sending', attempts = attempts + 1, sending_at = now(), updated_at = now() WHERE id = $1`,
          [id],
        );
        return { claimed: { ...row, state: 'sending', attempts: row.attempts + 1 } };
      });
    },

    async markSent(id, smtpResponse) {
      await pool.query(
        `UPDATE ack_outbox SET state = 'sent', sent_at = now(), smtp_response = $2, last_error = NULL, updated_at = now()
         WHERE id = $1 AND state = 'sending'`,
        [id, smtpResponse],
      );
    },

    async markRetry(id, error) {
      await pool.query(`UPDATE ack_outbox SET state = 'queued', last_error = $2, updated_at = now() WHERE id = $1 AND state = 'sending'`, [
        id,
        error,
      ]);
    },

    async markFailed(id, reason, error) {
      await pool.query(
        `UPDATE ack_outbox SET state = 'failed', reason = $2, last_error = $3, updated_at = now() WHERE id = $1 AND state IN ('sending', 'queued')`,
        [id, reason, error],
      );
    },

    async markUnknown(id, reason) {
      const { rowCount } = await pool.query(
        `UPDATE ack_outbox SET state = 'unknown', reason = $2, updated_at = now() WHERE id = $1 AND state = 'sending'`,
        [id, reason],
      );
      return (rowCount ?? 0) > 0;
    },

    async markCopyError(id, error) {
      await pool.query('UPDATE ack_outbox SET sent_copy_error = $2, updated_at = now() WHERE id = $1', [id, error]);
    },

    async release(id, by) {
      const { rowCount } = await pool.query(
        `UPDATE ack_outbox SET state = 'queued', reason = NULL, released_by = $2, released_at = now(), updated_at = now()
         WHERE id = $1 AND state = 'held'`,
        [id, by],
      );
      return (rowCount ?? 0) > 0;
    },
  };
}
