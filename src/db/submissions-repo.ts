// submissions, cases, summary_rows: the record of each applicant email, every version kept.
// Rows keep their ids for the life of their message: a re-run updates the submission, its cases
// and summary rows in place (by ordinal), and a message that stops being a submission leaves its
// row inactive rather than deleted. Which rows form a unit's chain, and in what order, is decided
// by src/versions/version-chain.ts; this module stores it under per-key advisory locks.
import type { Flag, Submission } from '../types.ts';
import type { ChainMember, VersionAssignment } from '../versions/version-chain.ts';
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

/** A version number that moved under an existing row (recorded as an event by the caller). */
export type VersionChange = { submissionId: string; messageId: string; from: number | null; to: number | null };

export type SubmissionsRepo = {
  /** Serializes writers of the same unit until the transaction ends. */
  lockUnitKeys(db: Queryable, keys: string[]): Promise<void>;
  /** Active submissions sharing any unit key with `keys` (the message's own row included). */
  findByUnitKeys(db: Queryable, keys: string[]): Promise<ChainMember[]>;
  /** Inserts or updates (same id) the message's submission with its cases and summary rows. */
  upsert(db: Queryable, w: SubmissionWrite): Promise<{ id: string; inserted: boolean }>;
  /** The message is no longer judged a submission: its row leaves every chain; returns its unit keys. */
  deactivate(db: Queryable, messageId: string): Promise<string[]>;
  /** Stores a chain's numbering; returns the rows whose version changed (not counting new rows). */
  applyVersions(db: Queryable, assignments: VersionAssignment[], newSubmissionId: string | null): Promise<VersionChange[]>;
};

const isoDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);
const int = (v: number | null) => (v == null || !Number.isFinite(v) ? null : Math.round(v));

export function createSubmissionsRepo(): SubmissionsRepo {
  return {
    async lockUnitKeys(db, keys) {
      // Sorted so two writers never take the same locks in opposite orders (deadlock).
      for (const key of [...new Set(keys)].sort()) {
        await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7241865))', [`unit:${key}`]);
      }
    },

    async findByUnitKeys(db, keys) {
      if (keys.length === 0) return [];
      const { rows } = await db.query<ChainMember>(
        `SELECT s.id::text AS "submissionId", s.message_id::text AS "messageId",
           s.received_at AS "receivedAt", s.unit_keys AS "unitKeys", s.flags
         FROM submissions s WHERE s.active AND s.unit_keys && $1::text[]`,
        [keys],
      );
      return rows;
    },

    async upsert(db, w) {
      const s = w.submission;
      const { rows } = await db.query<{ id: string; inserted: boolean }>(
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
           extraction = EXCLUDED.extraction, unit_keys = EXCLUDED.unit_keys, active = true, updated_at = now()
         RETURNING id::text AS id, (xmax = 0) AS inserted`,
        [
          w.messageId,
          s.unit_name,
          s.uscc,
          s.unit_address,
          s.contact_name,
          s.contact_title,
          s.contact_phone,
          isoDate(s.declared_date),
          s.intro == null ? null : JSON.stringify(s.intro),
          s.cases != null,
          s.summary_rows != null,
          w.receivedAt,
          w.late,
          [...new Set(w.flags.map((f) => f.code))].sort(),
          JSON.stringify(w.flags),
          w.externalLinks,
          JSON.stringify(s),
          w.unitKeys,
        ],
      );
      const { id, inserted } = rows[0]!;
      // Rows are matched by ordinal and updated in place, so case 1 keeps its id across re-runs.
      const cases = s.cases ?? [];
      for (const [i, c] of cases.entries()) {
        await db.query(
          `INSERT INTO cases (submission_id, ordinal, case_name, dataset_name, dataset_category, structured_rows,
             structured_rows_text, unstructured_gb, unstructured_gb_text, directions, industries, modalities,
             agree_publicity, agree_listing, listed_elsewhere, involves_personal_info, supported_models, overview, scenarios)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
           ON CONFLICT (submission_id, ordinal) DO UPDATE SET case_name = EXCLUDED.case_name,
             dataset_name = EXCLUDED.dataset_name, dataset_category = EXCLUDED.dataset_category,
             structured_rows = EXCLUDED.structured_rows, structured_rows_text = EXCLUDED.structured_rows_text,
             unstructured_gb = EXCLUDED.unstructured_gb, unstructured_gb_text = EXCLUDED.unstructured_gb_text,
             directions = EXCLUDED.directions, industries = EXCLUDED.industries, modalities = EXCLUDED.modalities,
             agree_publicity = EXCLUDED.agree_publicity, agree_listing = EXCLUDED.agree_listing,
             listed_elsewhere = EXCLUDED.listed_elsewhere, involves_personal_info = EXCLUDED.involves_personal_info,
             supported_models = EXCLUDED.supported_models, overview = EXCLUDED.overview, scenarios = EXCLUDED.scenarios`,
          [
            id,
            i + 1,
            c.case_name,
            c.dataset_name,
            c.dataset_category,
            int(c.structured_rows),
            c.structured_rows_text,
            c.unstructured_gb,
            c.unstructured_gb_text,
            c.directions ?? [],
            c.industries ?? [],
            c.modalities ?? [],
            c.agree_publicity,
            c.agree_listing,
            c.listed_elsewhere,
            c.involves_personal_info,
            c.supported_models,
            c.overview,
            c.scenarios,
          ],
        );
      }
      await db.query('DELETE FROM cases WHERE submission_id = $1 AND ordinal > $2', [id, cases.length]);
      const summaryRows = s.summary_rows ?? [];
      for (const [i, r] of summaryRows.entries()) {
        await db.query(
          `INSERT INTO summary_rows (submission_id, ordinal, seq, case_name, dataset_category, industry, direction,
             structured_scale, unstructured_scale, supported_models, benefits, unit_name, contact)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (submission_id, ordinal) DO UPDATE SET seq = EXCLUDED.seq, case_name = EXCLUDED.case_name,
             dataset_category = EXCLUDED.dataset_category, industry = EXCLUDED.industry, direction = EXCLUDED.direction,
             structured_scale = EXCLUDED.structured_scale, unstructured_scale = EXCLUDED.unstructured_scale,
             supported_models = EXCLUDED.supported_models, benefits = EXCLUDED.benefits,
             unit_name = EXCLUDED.unit_name, contact = EXCLUDED.contact`,
          [
            id,
            i + 1,
            int(r.seq),
            r.case_name,
            r.dataset_category,
            r.industry,
            r.direction,
            r.structured_scale,
            r.unstructured_scale,
            r.supported_models,
            r.benefits,
            r.unit_name,
            r.contact,
          ],
        );
      }
      await db.query('DELETE FROM summary_rows WHERE submission_id = $1 AND ordinal > $2', [id, summaryRows.length]);
      return { id, inserted };
    },

    async deactivate(db, messageId) {
      const { rows } = await db.query<{ unit_keys: string[] }>(
        `UPDATE submissions SET active = false, version = NULL, supersedes = NULL, superseded_by = NULL, updated_at = now()
         WHERE message_id = $1 AND active RETURNING unit_keys`,
        [messageId],
      );
      return rows[0]?.unit_keys ?? [];
    },

    async applyVersions(db, assignments, newSubmissionId) {
      const changes: VersionChange[] = [];
      for (const a of assignments) {
        const { rows } = await db.query<{ message_id: string; old_version: number | null }>(
          `UPDATE submissions s SET version = $2, supersedes = $3, superseded_by = $4
           FROM (SELECT id, version AS old_version FROM submissions WHERE id = $1) old
           WHERE s.id = old.id AND (s.version, s.supersedes, s.superseded_by) IS DISTINCT FROM ($2, $3::bigint, $4::bigint)
           RETURNING s.message_id::text AS message_id, old.old_version`,
          [a.submissionId, a.version, a.supersedes, a.supersededBy],
        );
        const row = rows[0];
        if (row && a.submissionId !== newSubmissionId && row.old_version !== a.version) {
          changes.push({ submissionId: a.submissionId, messageId: row.message_id, from: row.old_version, to: a.version });
        }
      }
      return changes;
    },
  };
}
