// Read models for the operators' dashboard: counts for the overview, the searchable lists of
// applications and emails, and the details of one email. Only reads; what changes data goes
// through src/operations/. Cases, industries, directions and categories are those of the 附件1
// each application chose (as in the analyst views), so a corrected form never counts twice.
import type { ScanCheck } from '../types.ts';
import type { Queryable } from './pool.ts';

export type ApplicationFilter = {
  q?: string;
  complete?: 'yes' | 'no';
  onTime?: 'yes' | 'no';
  late?: 'yes' | 'no';
  review?: string;
  flag?: string;
  industry?: string;
  direction?: string;
  category?: string;
};

export const APPLICATION_SORTS = ['received_desc', 'received_asc', 'unit', 'flags_desc', 'updated_desc'] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

export type ApplicationListRow = {
  id: string;
  unitName: string | null;
  uscc: string | null;
  reviewState: string;
  complete: boolean;
  completeOnTime: boolean;
  late: boolean;
  flags: string[];
  emails: number;
  cases: number;
  firstReceivedAt: Date | null;
  lastReceivedAt: Date | null;
  updatedAt: Date;
};

export type MessageFilter = { q?: string; kind?: 'submission' | 'not_submission' | 'failed' | 'pending' };

export type MessageListRow = {
  id: string;
  receivedAt: Date | null;
  senderAddress: string | null;
  senderName: string | null;
  subject: string | null;
  isSubmission: boolean | null;
  notSubmissionReason: string | null;
  status: string;
  lastRun: string | null;
  late: boolean | null;
  applicationId: string | null;
  attachments: number;
  rawSize: number;
};

export type MessageDetail = MessageListRow & {
  messageIdHeader: string | null;
  sentAt: Date | null;
  rawSha256: string;
  source: string;
  mailbox: string;
  uid: string | null;
  lastError: string | null;
  attempts: number;
  submissionFlags: { code: string; message: string; severity: string }[];
  version: number | null;
  active: boolean | null;
  externalLinks: string[];
  /** The email's scan check as `intake extract` prints it (null: no stamped scan, or not read yet). */
  scan: ScanCheck | null;
  /** 附件1's code, to compare the scan's with. */
  formUscc: string | null;
};

export type AttachmentInfo = {
  id: string;
  messageId: string;
  parentId: string | null;
  depth: number;
  filename: string;
  contentType: string | null;
  size: number;
  sha256: string;
  format: string | null;
  kind: string | null;
  readable: boolean | null;
  error: string | null;
};

export type CountsAt = {
  emails: number;
  submissions: number;
  notSubmissions: number;
  failed: number;
  applications: number;
  complete: number;
  incomplete: number;
  late: number;
};

export type Overview = {
  today: CountsAt;
  total: CountsAt;
  daily: { day: string; emails: number; submissions: number; notSubmissions: number }[];
  byIndustry: { name: string; count: number }[];
  byDirection: { name: string; count: number }[];
  byCategory: { name: string; count: number }[];
};

/** LIKE pattern for a user's search text (its own % and _ match themselves). */
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const CHOSEN_CASES = `cases c WHERE c.submission_id = (a.materials -> 'form1' ->> 'submission_id')::bigint`;

function applicationWhere(f: ApplicationFilter): { sql: string; params: unknown[] } {
  const where = ['a.active'];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.q) {
    const like = p(contains(f.q.trim()));
    where.push(`(a.unit_name ILIKE ${like} OR a.uscc ILIKE ${like} OR EXISTS (SELECT 1 FROM submissions s JOIN messages m ON m.id = s.message_id
      WHERE s.application_id = a.id AND m.subject ILIKE ${like}))`);
  }
  if (f.complete) where.push(f.complete === 'yes' ? 'a.complete' : 'NOT a.complete');
  if (f.onTime) where.push(f.onTime === 'yes' ? 'a.complete_on_time' : 'NOT a.complete_on_time');
  if (f.late) where.push(f.late === 'yes' ? 'a.late' : 'NOT a.late');
  if (f.review) where.push(`a.review_state = ${p(f.review)}`);
  if (f.flag) {
    const code = p(f.flag);
    where.push(`EXISTS (SELECT 1 FROM unnest(a.flags) fl WHERE fl = ${code} OR split_part(fl, ':', 1) = ${code})`);
  }
  if (f.industry) where.push(`EXISTS (SELECT 1 FROM ${CHOSEN_CASES} AND ${p(f.industry)} = ANY(c.industries))`);
  if (f.direction) where.push(`EXISTS (SELECT 1 FROM ${CHOSEN_CASES} AND ${p(f.direction)} = ANY(c.directions))`);
  if (f.category) where.push(`EXISTS (SELECT 1 FROM ${CHOSEN_CASES} AND c.dataset_category = ${p(f.category)})`);
  return { sql: where.join(' AND '), params };
}

const ORDER: Record<ApplicationSort, string> = {
  received_desc: 'a.first_received_at DESC NULLS LAST, a.id DESC',
  received_asc: 'a.first_received_at NULLS LAST, a.id',
  unit: 'a.unit_name COLLATE "C" NULLS LAST, a.id',
  flags_desc: 'cardinality(a.flags) DESC, a.id',
  updated_desc: 'a.updated_at DESC, a.id DESC',
};

function messageWhere(f: MessageFilter): { sql: string; params: unknown[] } {
  const where = ['true'];
  const params: unknown[] = [];
  if (f.q) {
    params.push(contains(f.q.trim()));
    where.push(`(m.subject ILIKE $1 OR m.sender_address ILIKE $1 OR m.sender_name ILIKE $1)`);
  }
  if (f.kind === 'submission') where.push('m.is_submission');
  if (f.kind === 'not_submission') where.push('m.is_submission = false');
  if (f.kind === 'failed') where.push("m.last_run = 'failed'");
  if (f.kind === 'pending') where.push("m.status <> 'done'");
  return { sql: where.join(' AND '), params };
}

const MESSAGE_COLUMNS = `m.id::text AS id, m.received_at AS "receivedAt", m.sender_address AS "senderAddress", m.sender_name AS "senderName",
  m.subject, m.is_submission AS "isSubmission", m.not_submission_reason AS "notSubmissionReason", m.status, m.last_run AS "lastRun",
  m.late, s.application_id::text AS "applicationId", m.raw_size AS "rawSize",
  (SELECT count(*)::int FROM attachments t WHERE t.message_id = m.id AND t.depth = 0) AS attachments`;

const ATTACHMENT_COLUMNS = `t.id::text AS id, t.message_id::text AS "messageId", t.parent_id::text AS "parentId", t.depth, t.filename,
  t.content_type AS "contentType", t.size::float8 AS size, t.sha256, t.format, t.kind, t.readable, t.error`;

export type DashboardRepo = {
  overview(db: Queryable, days: number): Promise<Overview>;
  searchApplications(
    db: Queryable,
    f: ApplicationFilter,
    sort: ApplicationSort,
    page: { limit: number; offset: number },
  ): Promise<{ rows: ApplicationListRow[]; total: number }>;
  /** Ids of every application matching, in the list's order (exports). */
  applicationIds(db: Queryable, f: ApplicationFilter, sort: ApplicationSort): Promise<string[]>;
  /** Flag codes in use on current applications, with how many carry each. */
  flagCodes(db: Queryable): Promise<{ code: string; count: number }[]>;
  listMessages(
    db: Queryable,
    f: MessageFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: MessageListRow[]; total: number }>;
  message(db: Queryable, id: string): Promise<MessageDetail | null>;
  /** The member emails of an application, in the order received. */
  applicationMessages(db: Queryable, applicationId: string): Promise<MessageListRow[]>;
  attachmentsOf(db: Queryable, messageIds: string[]): Promise<AttachmentInfo[]>;
  attachment(db: Queryable, id: string): Promise<AttachmentInfo | null>;
};

const toInt = (v: unknown) => Number(v ?? 0);

/**
 * A page of rows carrying `count(*) OVER ()` as `total`, and that total. A page past the end has no
 * row to carry it, so only then is the count asked for separately.
 */
async function withTotal<R>(
  db: Queryable,
  rows: (R & { total: string })[],
  page: { offset: number },
  countSql: string,
  params: unknown[],
): Promise<{ rows: R[]; total: number }> {
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) total = (await db.query<{ n: number }>(countSql, params)).rows[0]!.n;
  return { rows: rows.map(({ total: _t, ...r }) => r as R), total };
}

/** Days without mail appear as zeros, so the chart's time axis is even. */
function continuousDays<T extends { day: string; emails: number; submissions: number; notSubmissions: number }>(rows: T[]) {
  if (rows.length < 2) return rows;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: { day: string; emails: number; submissions: number; notSubmissions: number }[] = [];
  for (let t = Date.parse(`${rows[0]!.day}T00:00:00Z`); t <= Date.parse(`${rows.at(-1)!.day}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, emails: 0, submissions: 0, notSubmissions: 0 });
  }
  return out;
}

export function createDashboardRepo(): DashboardRepo {
  return {
    async overview(db, days) {
      // One Beijing calendar day: the database's time zone is Asia/Shanghai (0008), but say it.
      const counts = async (since: string | null): Promise<CountsAt> => {
        const cond = since ? `>= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')` : '';
        const { rows } = await db.query(
          `SELECT
             (SELECT count(*) FROM messages m ${cond ? `WHERE m.received_at ${cond}` : ''}) AS emails,
             (SELECT count(*) FROM messages m WHERE m.is_submission ${cond ? `AND m.received_at ${cond}` : ''}) AS submissions,
             (SELECT count(*) FROM messages m WHERE m.is_submission = false ${cond ? `AND m.received_at ${cond}` : ''}) AS "notSubmissions",
             (SELECT count(*) FROM messages m WHERE m.last_run = 'failed' ${cond ? `AND m.received_at ${cond}` : ''}) AS failed,
             count(*) AS applications,
             count(*) FILTER (WHERE a.complete) AS complete,
             count(*) FILTER (WHERE NOT a.complete) AS incomplete,
             count(*) FILTER (WHERE a.late) AS late
           FROM applications a WHERE a.active ${cond ? `AND a.first_received_at ${cond}` : ''}`,
        );
        const r = rows[0] as Record<string, unknown>;
        return {
          emails: toInt(r.emails),
          submissions: toInt(r.submissions),
          notSubmissions: toInt(r.notSubmissions),
          failed: toInt(r.failed),
          applications: toInt(r.applications),
          complete: toInt(r.complete),
          incomplete: toInt(r.incomplete),
          late: toInt(r.late),
        };
      };
      const daily = await db.query<{ day: string; emails: number; submissions: number; notSubmissions: number }>(
        `SELECT to_char(d, 'YYYY-MM-DD') AS day, count(*)::int AS emails, (count(*) FILTER (WHERE m.is_submission))::int AS submissions,
           (count(*) FILTER (WHERE m.is_submission = false))::int AS "notSubmissions"
         FROM messages m CROSS JOIN LATERAL (SELECT (m.received_at AT TIME ZONE 'Asia/Shanghai')::date AS d) x
         WHERE m.received_at IS NOT NULL
         GROUP BY d ORDER BY d DESC LIMIT $1`,
        [days],
      );
      const by = async (expr: string) => {
        const { rows } = await db.query<{ name: string; count: number }>(
          `SELECT v AS name, count(DISTINCT a.id)::int AS count
           FROM applications a JOIN cases c ON c.submission_id = (a.materials -> 'form1' ->> 'submission_id')::bigint
           CROSS JOIN LATERAL ${expr} AS v
           WHERE a.active AND v IS NOT NULL GROUP BY v ORDER BY count DESC, v`,
        );
        return rows;
      };
      return {
        today: await counts('today'),
        total: await counts(null),
        daily: continuousDays(daily.rows.reverse()),
        byIndustry: await by('unnest(c.industries)'),
        byDirection: await by('unnest(c.directions)'),
        byCategory: await by('unnest(ARRAY[c.dataset_category])'),
      };
    },

    async searchApplications(db, f, sort, page) {
      const w = applicationWhere(f);
      const n = w.params.length;
      const { rows } = await db.query<ApplicationListRow & { total: string }>(
        `SELECT a.id::text AS id, a.unit_name AS "unitName", a.uscc, a.review_state AS "reviewState", a.complete,
           a.complete_on_time AS "completeOnTime", a.late, a.flags,
           (SELECT count(*)::int FROM submissions s WHERE s.application_id = a.id AND s.active) AS emails,
           (SELECT count(*)::int FROM ${CHOSEN_CASES}) AS cases,
           a.first_received_at AS "firstReceivedAt", a.last_received_at AS "lastReceivedAt", a.updated_at AS "updatedAt",
           count(*) OVER () AS total
         FROM applications a WHERE ${w.sql} ORDER BY ${ORDER[sort]} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...w.params, page.limit, page.offset],
      );
      return withTotal(db, rows, page, `SELECT count(*)::int AS n FROM applications a WHERE ${w.sql}`, w.params);
    },

    async applicationIds(db, f, sort) {
      const w = applicationWhere(f);
      const { rows } = await db.query<{ id: string }>(
        `SELECT a.id::text AS id FROM applications a WHERE ${w.sql} ORDER BY ${ORDER[sort]}`,
        w.params,
      );
      return rows.map((r) => r.id);
    },

    async flagCodes(db) {
      const { rows } = await db.query<{ code: string; count: number }>(
        `SELECT split_part(fl, ':', 1) AS code, count(DISTINCT a.id)::int AS count
         FROM applications a CROSS JOIN LATERAL unnest(a.flags) fl WHERE a.active GROUP BY 1 ORDER BY 1`,
      );
      return rows;
    },

    async listMessages(db, f, page) {
      const w = messageWhere(f);
      const n = w.params.length;
      const { rows } = await db.query<MessageListRow & { total: string }>(
        `SELECT ${MESSAGE_COLUMNS}, count(*) OVER () AS total
         FROM messages m LEFT JOIN submissions s ON s.message_id = m.id
         WHERE ${w.sql} ORDER BY m.received_at DESC NULLS LAST, m.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...w.params, page.limit, page.offset],
      );
      return withTotal(db, rows, page, `SELECT count(*)::int AS n FROM messages m WHERE ${w.sql}`, w.params);
    },

    async message(db, id) {
      if (!/^\d{1,18}$/.test(id)) return null;
      const { rows } = await db.query<MessageDetail>(
        `SELECT ${MESSAGE_COLUMNS}, m.message_id_header AS "messageIdHeader", m.sent_at AS "sentAt", m.raw_sha256 AS "rawSha256",
           m.source, m.mailbox, m.uid::text AS uid, m.last_error AS "lastError", m.attempts,
           COALESCE(s.flag_details, '[]') AS "submissionFlags", s.version, s.active, COALESCE(s.external_links, '{}') AS "externalLinks",
           m.extract_output->'scan' AS scan, s.extraction->>'uscc' AS "formUscc"
         FROM messages m LEFT JOIN submissions s ON s.message_id = m.id WHERE m.id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    async applicationMessages(db, applicationId) {
      const { rows } = await db.query<MessageListRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN submissions s ON s.message_id = m.id
         WHERE s.application_id = $1 AND s.active ORDER BY m.received_at NULLS LAST, m.id`,
        [applicationId],
      );
      return rows;
    },

    async attachmentsOf(db, messageIds) {
      if (messageIds.length === 0) return [];
      const { rows } = await db.query<AttachmentInfo>(
        `SELECT ${ATTACHMENT_COLUMNS} FROM attachments t WHERE t.message_id = ANY($1::bigint[]) ORDER BY t.message_id, t.ordinal`,
        [messageIds],
      );
      return rows;
    },

    async attachment(db, id) {
      if (!/^\d{1,18}$/.test(id)) return null;
      const { rows } = await db.query<AttachmentInfo>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments t WHERE t.id = $1`, [id]);
      return rows[0] ?? null;
    },
  };
}
