// submissions, cases, summary_rows: the record of each applicant email, every version kept.
// Versions of one unit (sharing any unit key: USCC, name, sender) form a chain ordered by
// receipt time; the chain is recomputed under per-key advisory locks each time one is written,
// so workers processing a unit's emails concurrently or out of order still agree.
import type { Flag, Submission } from '../types.ts';
import type { Queryable } from './pool.ts';

export type SubmissionWrite = {
  messageId: string;
  receivedAt: Date | null;
  late: boolean;
  submission: Submission;
  flags: Flag[];
  externalLinks: string[];
  unitKeys: string[];
};

export type RelatedSubmission = {
  submissionId: string;
  messageId: string;
  version: number;
  receivedAt: Date | null;
  unitKeys: string[];
  flags: string[];
};

/** Whether another submission's unit keys name the same unit (src/validate/unit-key.ts decides). */
export type SameUnit = (otherKeys: string[]) => boolean;

export type SubmissionsRepo = {
  /** Serializes writers of the same unit until the transaction ends. */
  lockUnitKeys(db: Queryable, keys: string[]): Promise<void>;
  /** Other messages' submissions sharing any unit key, in chain order; filter with SameUnit. */
  findRelated(db: Queryable, keys: string[], messageId: string): Promise<RelatedSubmission[]>;
  /** Inserts or replaces the message's submission with its cases and summary rows. Returns its id. */
  upsert(db: Queryable, w: SubmissionWrite): Promise<string>;
  /** Removes the message's submission (it is no longer judged one); returns its unit keys. */
  removeForMessage(db: Queryable, messageId: string): Promise<string[]>;
  /** Renumbers the unit's chain (version, supersedes, superseded_by) by receipt time. */
  relinkVersions(db: Queryable, keys: string[], messageId: string, sameUnit: SameUnit): Promise<void>;
};

/** The chain order in JS, identical to CHAIN_ORDER: receipt time (unknown last), then message id. */
export function compareChainOrder(a: { receivedAt: Date | null; messageId: string }, b: { receivedAt: Date | null; messageId: string }): number {
  const ta = a.receivedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.receivedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ia = BigInt(a.messageId);
  const ib = BigInt(b.messageId);
  return ia === ib ? 0 : ia < ib ? -1 : 1;
}

const isoDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);
const int = (v: number | null) => (v == null || !Number.isFinite(v) ? null : Math.round(v));

/** PostgreSQL's ordering of the chain: receipt time, unknown last, then arrival order. */
const CHAIN_ORDER = 's.received_at ASC NULLS LAST, s.message_id ASC';

export function createSubmissionsRepo(): SubmissionsRepo {
  return {
    async lockUnitKeys(db, keys) {
      // Sorted so two writers never take the same locks in opposite orders (deadlock).
      for (const key of [...new Set(keys)].sort()) {
        await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7241865))', [`unit:${key}`]);
      }
    },

    async findRelated(db, keys, messageId) {
      if (keys.length === 0) return [];
      const { rows } = await db.query<RelatedSubmission>(
        `SELECT s.id::text AS "submissionId", s.message_id::text AS "messageId", s.version,
           s.received_at AS "receivedAt", s.unit_keys AS "unitKeys", s.flags
         FROM submissions s
         WHERE s.unit_keys && $1::text[] AND s.message_id <> $2
         ORDER BY ${CHAIN_ORDER}`,
        [keys, messageId],
      );
      return rows;
    },

    async upsert(db, w) {
      const s = w.submission;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO submissions (message_id, unit_name, uscc, unit_address, contact_name, contact_title, contact_phone,
           declared_date, intro, has_cases, has_summary, received_at, late, flags, flag_details, external_links,
           extraction, unit_keys)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (message_id) DO UPDATE SET unit_name = EXCLUDED.unit_name, uscc = EXCLUDED.uscc,
           unit_address = EXCLUDED.unit_address, contact_name = EXCLUDED.contact_name,
           contact_title = EXCLUDED.contact_title, contact_phone = EXCLUDED.contact_phone,
           declared_date = EXCLUDED.declared_date, intro = EXCLUDED.intro, has_cases = EXCLUDED.has_cases,
           has_summary = EXCLUDED.has_summary, received_at = EXCLUDED.received_at, late = EXCLUDED.late,
           flags = EXCLUDED.flags, flag_details = EXCLUDED.flag_details, external_links = EXCLUDED.external_links,
           extraction = EXCLUDED.extraction, unit_keys = EXCLUDED.unit_keys, updated_at = now()
         RETURNING id::text AS id`,
        [
          w.messageId, s.unit_name, s.uscc, s.unit_address, s.contact_name, s.contact_title, s.contact_phone,
          isoDate(s.declared_date), s.intro == null ? null : JSON.stringify(s.intro), s.cases != null, s.summary_rows != null,
          w.receivedAt, w.late, [...new Set(w.flags.map((f) => f.code))].sort(), JSON.stringify(w.flags), w.externalLinks,
          JSON.stringify(s), w.unitKeys,
        ],
      );
      const id = rows[0]!.id;
      await db.query('DELETE FROM cases WHERE submission_id = $1', [id]);
      for (const [i, c] of (s.cases ?? []).entries()) {
        await db.query(
          `INSERT INTO cases (submission_id, ordinal, case_name, dataset_name, dataset_category, structured_rows,
             structured_rows_text, unstructured_gb, unstructured_gb_text, directions, industries, modalities,
             agree_publicity, agree_listing, listed_elsewhere, involves_personal_info, supported_models, overview, scenarios)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
          [
            id, i + 1, c.case_name, c.dataset_name, c.dataset_category, int(c.structured_rows), c.structured_rows_text,
            c.unstructured_gb, c.unstructured_gb_text, c.directions ?? [], c.industries ?? [], c.modalities ?? [],
            c.agree_publicity, c.agree_listing, c.listed_elsewhere, c.involves_personal_info, c.supported_models,
            c.overview, c.scenarios,
          ],
        );
      }
      await db.query('DELETE FROM summary_rows WHERE submission_id = $1', [id]);
      for (const [i, r] of (s.summary_rows ?? []).entries()) {
        await db.query(
          `INSERT INTO summary_rows (submission_id, ordinal, seq, case_name, dataset_category, industry, direction,
             structured_scale, unstructured_scale, supported_models, benefits, unit_name, contact)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            id, i + 1, int(r.seq), r.case_name, r.dataset_category, r.industry, r.direction, r.structured_scale,
            r.unstructured_scale, r.supported_models, r.benefits, r.unit_name, r.contact,
          ],
        );
      }
      return id;
    },

    async removeForMessage(db, messageId) {
      const { rows } = await db.query<{ unit_keys: string[] }>(
        'DELETE FROM submissions WHERE message_id = $1 RETURNING unit_keys',
        [messageId],
      );
      return rows[0]?.unit_keys ?? [];
    },

    async relinkVersions(db, keys, messageId, sameUnit) {
      if (keys.length === 0) return;
      const found = await db.query<{ id: string; message_id: string; version: number; unit_keys: string[] }>(
        `SELECT s.id::text AS id, s.message_id::text AS message_id, s.version, s.unit_keys
         FROM submissions s WHERE s.unit_keys && $1::text[] ORDER BY ${CHAIN_ORDER}`,
        [keys],
      );
      const rows = found.rows.filter((r) => r.message_id === messageId || sameUnit(r.unit_keys));
      for (const [i, row] of rows.entries()) {
        const version = i + 1;
        await db.query(
          `UPDATE submissions SET version = $2, supersedes = $3, superseded_by = $4 WHERE id = $1
             AND (version, supersedes, superseded_by) IS DISTINCT FROM ($2, $3::bigint, $4::bigint)`,
          [row.id, version, rows[i - 1]?.id ?? null, rows[i + 1]?.id ?? null],
        );
      }
    },
  };
}
