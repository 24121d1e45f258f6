// applications, their members (submissions.application_id) and application_events. What an
// application is, which members it has and which id it keeps is decided by src/applications/
// (pure); this module only reads the members and stores the result, inside the caller's
// transaction, under the unit locks the caller holds.
import type { ApplicationContent } from '../applications/application-content.ts';
import type { ApplicationMember } from '../applications/application-types.ts';
import type { ReviewState } from '../applications/review-states.ts';
import { toShanghaiIso } from '../campaign/deadline.ts';
import type { Queryable } from './pool.ts';

export type StoredMember = ApplicationMember & { applicationId: string | null };

export type StoredApplication = ApplicationContent & {
  id: string;
  active: boolean;
  mergedInto: string | null;
  reviewState: ReviewState;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ApplicationEventKind = 'created' | 'changed' | 'merged' | 'emptied' | 'reviewed';

export type ApplicationEvent = {
  applicationId: string;
  kind: ApplicationEventKind;
  causedByMessage?: string | null;
  detail: Record<string, unknown>;
  actor?: string | null;
  comment?: string | null;
};

export type ApplicationsRepo = {
  /** Active submissions sharing a unit key with `keys`, or members of `applicationIds`, with their files. */
  findMembers(db: Queryable, keys: string[], applicationIds: string[]): Promise<StoredMember[]>;
  /** The application the message's submission row points at (active or not). */
  applicationOfMessage(db: Queryable, messageId: string): Promise<string | null>;
  /** Reads the applications and locks their rows until the transaction ends (ids in ascending order). */
  lockForUpdate(db: Queryable, ids: string[]): Promise<StoredApplication[]>;
  insert(db: Queryable, c: ApplicationContent): Promise<string>;
  /** Stores recomputed content (updated_at moves only when `changed`) and the review state. */
  update(db: Queryable, id: string, c: ApplicationContent, reviewState: ReviewState, changed: boolean): Promise<void>;
  /** Makes these submissions members of the application. */
  setMembers(db: Queryable, id: string, submissionIds: string[]): Promise<void>;
  /** A message that stopped being a submission leaves its application. */
  detachInactive(db: Queryable, messageId: string): Promise<void>;
  retire(db: Queryable, id: string, mergedInto: string | null): Promise<void>;
  setReview(db: Queryable, id: string, r: { state: ReviewState; comment: string | null; by: string; at: Date }): Promise<void>;
  recordEvent(db: Queryable, e: ApplicationEvent): Promise<void>;
  /** Active applications in the order of their first member. */
  list(db: Queryable): Promise<StoredApplication[]>;
  get(db: Queryable, id: string): Promise<StoredApplication | null>;
  /** These applications, in the order of `ids` (the dashboard's filtered exports). */
  byIds(db: Queryable, ids: string[]): Promise<StoredApplication[]>;
  events(db: Queryable, id: string): Promise<(ApplicationEvent & { at: Date })[]>;
};

// members: every submission pointing at the application. An inactive one points there only inside
// the transaction that deactivated it, until detachInactive: read then, it is a member leaving.
const COLUMNS = `a.id::text AS id, a.active, a.merged_into::text AS "mergedInto", a.unit_name AS "unitName", a.uscc,
  a.unit_keys AS "unitKeys", a.first_received_at AS "firstReceivedAt", a.last_received_at AS "lastReceivedAt",
  COALESCE((SELECT json_agg(json_build_object('submission_id', s.id::text, 'message_id', m.message_id_header,
      'received_at', s.received_at, 'late', s.late) ORDER BY s.received_at NULLS LAST, s.message_id)
    FROM submissions s JOIN messages m ON m.id = s.message_id WHERE s.application_id = a.id), '[]') AS members,
  a.materials, a.record, a.flags, a.flag_details AS "flagDetails", a.complete, a.complete_on_time AS "completeOnTime",
  a.late, a.review_state AS "reviewState", a.review_comment AS "reviewComment", a.reviewed_by AS "reviewedBy",
  a.reviewed_at AS "reviewedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

type Row = Omit<StoredApplication, 'members'> & {
  members: { submission_id: string; message_id: string | null; received_at: string | null; late: boolean }[];
};

// Member times come back from json_agg as PostgreSQL text; present them as the content does.
function fromRow(r: Row): StoredApplication {
  return {
    ...r,
    members: r.members.map((m) => ({ ...m, received_at: m.received_at ? isoShanghai(m.received_at) : null })),
  };
}

const isoShanghai = (pgTime: string): string => toShanghaiIso(new Date(pgTime));

const contentParams = (c: ApplicationContent) => [
  c.unitName,
  c.uscc,
  c.unitKeys,
  c.firstReceivedAt,
  c.lastReceivedAt,
  JSON.stringify(c.materials),
  JSON.stringify(c.record),
  c.flags,
  JSON.stringify(c.flagDetails),
  c.complete,
  c.completeOnTime,
  c.late,
];

export function createApplicationsRepo(): ApplicationsRepo {
  return {
    async findMembers(db, keys, applicationIds) {
      if (keys.length === 0 && applicationIds.length === 0) return [];
      const { rows } = await db.query<StoredMember>(
        `SELECT s.id::text AS "submissionId", s.message_id::text AS "messageId", s.received_at AS "receivedAt", s.late,
           s.unit_keys AS "unitKeys", s.extraction AS submission, s.application_id::text AS "applicationId",
           m.message_id_header AS "messageIdHeader", m.subject,
           COALESCE((SELECT json_agg(json_build_object('filename', f.filename, 'kind', f.kind, 'readable', f.readable,
               'scan', f.scan_check - 'error') ORDER BY f.ordinal)
             FROM attachments f WHERE f.message_id = s.message_id), '[]') AS files
         FROM submissions s JOIN messages m ON m.id = s.message_id
         WHERE s.active AND (s.unit_keys && $1::text[] OR s.application_id = ANY($2::bigint[]))`,
        [keys, applicationIds],
      );
      return rows;
    },

    async applicationOfMessage(db, messageId) {
      const { rows } = await db.query<{ id: string | null }>('SELECT application_id::text AS id FROM submissions WHERE message_id = $1', [
        messageId,
      ]);
      return rows[0]?.id ?? null;
    },

    async lockForUpdate(db, ids) {
      if (ids.length === 0) return [];
      await db.query('SELECT 1 FROM applications WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids]);
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM applications a WHERE a.id = ANY($1::bigint[]) ORDER BY a.id`, [ids]);
      return rows.map(fromRow);
    },

    async insert(db, c) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO applications (unit_name, uscc, unit_keys, first_received_at, last_received_at, materials, record, flags,
           flag_details, complete, complete_on_time, late)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::text AS id`,
        contentParams(c),
      );
      return rows[0]!.id;
    },

    async update(db, id, c, reviewState, changed) {
      await db.query(
        `UPDATE applications SET unit_name = $2, uscc = $3, unit_keys = $4, first_received_at = $5, last_received_at = $6,
           materials = $7, record = $8, flags = $9, flag_details = $10, complete = $11, complete_on_time = $12, late = $13,
           review_state = $14, active = true, merged_into = NULL,
           updated_at = CASE WHEN $15 THEN now() ELSE updated_at END
         WHERE id = $1`,
        [id, ...contentParams(c), reviewState, changed],
      );
    },

    async setMembers(db, id, submissionIds) {
      await db.query('UPDATE submissions SET application_id = $1 WHERE id = ANY($2::bigint[]) AND application_id IS DISTINCT FROM $1', [
        id,
        submissionIds,
      ]);
    },

    async detachInactive(db, messageId) {
      await db.query('UPDATE submissions SET application_id = NULL WHERE message_id = $1 AND NOT active AND application_id IS NOT NULL', [
        messageId,
      ]);
    },

    async retire(db, id, mergedInto) {
      await db.query('UPDATE applications SET active = false, merged_into = $2, updated_at = now() WHERE id = $1 AND active', [
        id,
        mergedInto,
      ]);
    },

    async setReview(db, id, r) {
      await db.query('UPDATE applications SET review_state = $2, review_comment = $3, reviewed_by = $4, reviewed_at = $5 WHERE id = $1', [
        id,
        r.state,
        r.comment,
        r.by,
        r.at,
      ]);
    },

    async recordEvent(db, e) {
      await db.query(
        `INSERT INTO application_events (application_id, kind, caused_by_message, detail, actor, comment)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [e.applicationId, e.kind, e.causedByMessage ?? null, JSON.stringify(e.detail), e.actor ?? null, e.comment ?? null],
      );
    },

    async list(db) {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM applications a WHERE a.active ORDER BY a.first_received_at NULLS LAST, a.id`,
      );
      return rows.map(fromRow);
    },

    async get(db, id) {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM applications a WHERE a.id = $1`, [id]);
      return rows[0] ? fromRow(rows[0]) : null;
    },

    async byIds(db, ids) {
      if (ids.length === 0) return [];
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM applications a WHERE a.id = ANY($1::bigint[]) ORDER BY array_position($1::bigint[], a.id)`,
        [ids],
      );
      return rows.map(fromRow);
    },

    async events(db, id) {
      const { rows } = await db.query(
        `SELECT application_id::text AS "applicationId", kind, caused_by_message::text AS "causedByMessage", detail, actor, comment, at
         FROM application_events WHERE application_id = $1 ORDER BY at, id`,
        [id],
      );
      return rows;
    },
  };
}
