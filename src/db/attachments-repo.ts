// attachments: every file of a message, MIME attachments and archive members alike, with the
// archive parent linked. Rows are upserted by (message_id, ordinal) so a re-run keeps their ids.
import type { ScanCheck } from '../types.ts';
import type { Queryable } from './pool.ts';

export type AttachmentRecord = {
  ordinal: number;
  /** Ordinal of the archive this file came from (must be lower than ordinal). */
  parentOrdinal: number | null;
  depth: number;
  filename: string;
  contentType: string | null;
  size: number;
  sha256: string;
  location: string;
  format: string | null;
  kind: string | null;
  readable: boolean | null;
  error: string | null;
  /** Wall time of the file's parse, ms; null when no parser ran. */
  parseMs: number | null;
  /** Stamped scans: the text read (OCR or text layer) and the file's scan check. */
  scanText?: string | null;
  scanCheck?: (ScanCheck & { error?: string }) | null;
};

export type AttachmentRow = AttachmentRecord & { id: string; messageId: string; parentId: string | null };

export type AttachmentsRepo = {
  /** Makes the message's attachment rows exactly `files` (inside the caller's transaction). */
  replaceForMessage(db: Queryable, messageId: string, files: AttachmentRecord[]): Promise<void>;
  listForMessage(messageId: string): Promise<AttachmentRow[]>;
};

export function createAttachmentsRepo(pool: Queryable): AttachmentsRepo {
  return {
    async replaceForMessage(db, messageId, files) {
      const idByOrdinal = new Map<number, string>();
      const sorted = [...files].sort((a, b) => a.ordinal - b.ordinal);
      for (const f of sorted) {
        const parentId = f.parentOrdinal == null ? null : (idByOrdinal.get(f.parentOrdinal) ?? null);
        const { rows } = await db.query<{ id: string }>(
          `INSERT INTO attachments (message_id, ordinal, parent_id, depth, filename, content_type, size, sha256,
             location, format, kind, readable, error, parse_ms, scan_text, scan_check)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (message_id, ordinal) DO UPDATE SET parent_id = EXCLUDED.parent_id, depth = EXCLUDED.depth,
             filename = EXCLUDED.filename, content_type = EXCLUDED.content_type, size = EXCLUDED.size,
             sha256 = EXCLUDED.sha256, location = EXCLUDED.location, format = EXCLUDED.format, kind = EXCLUDED.kind,
             readable = EXCLUDED.readable, error = EXCLUDED.error, parse_ms = EXCLUDED.parse_ms,
             scan_text = EXCLUDED.scan_text, scan_check = EXCLUDED.scan_check
           RETURNING id::text AS id`,
          [
            messageId,
            f.ordinal,
            parentId,
            f.depth,
            f.filename,
            f.contentType,
            f.size,
            f.sha256,
            f.location,
            f.format,
            f.kind,
            f.readable,
            f.error,
            f.parseMs,
            f.scanText ?? null,
            f.scanCheck ? JSON.stringify(f.scanCheck) : null,
          ],
        );
        idByOrdinal.set(f.ordinal, rows[0]!.id);
      }
      await db.query('DELETE FROM attachments WHERE message_id = $1 AND NOT (ordinal = ANY($2::int[]))', [
        messageId,
        sorted.map((f) => f.ordinal),
      ]);
    },

    async listForMessage(messageId) {
      const { rows } = await pool.query<AttachmentRow>(
        `SELECT id::text AS id, message_id::text AS "messageId", ordinal, parent_id::text AS "parentId",
           (SELECT p.ordinal FROM attachments p WHERE p.id = a.parent_id) AS "parentOrdinal", depth, filename,
           content_type AS "contentType", size::int AS size, sha256, location, format, kind, readable, error,
           parse_ms AS "parseMs", scan_text AS "scanText", scan_check AS "scanCheck"
         FROM attachments a WHERE message_id = $1 ORDER BY ordinal`,
        [messageId],
      );
      return rows;
    },
  };
}
