// Counts for the operators' /metrics, computed at scrape time from the system of record so they
// are right whichever process did the work. Each is one GROUP BY over a table the service already
// indexes or keeps small (applications, ack_outbox); none locks anything.
import type { Queryable } from './pool.ts';

/** How far an email got: judged a submission or not, failed before any judgement, or not judged yet. */
export type EmailKind = 'submission' | 'not_submission' | 'failed' | 'pending';

export type EmailCount = { source: string; kind: EmailKind; count: number };
export type ParseTime = { format: string; files: number; seconds: number };
export type CodeCount = { code: string; count: number };
export type StateCount = { state: string; count: number };

export type MetricsRepo = {
  emailCounts(): Promise<EmailCount[]>;
  /** Files a parser ran on (attachments.parse_ms set) and their total parse time, by format. */
  parseTimes(): Promise<ParseTime[]>;
  /** Current applications carrying each flag code (the part before ':'), counted once per application. */
  applicationFlagCounts(): Promise<CodeCount[]>;
  /** Submission emails (active rows) carrying each flag code, counted once per email. */
  emailFlagCounts(): Promise<CodeCount[]>;
  replyCounts(): Promise<StateCount[]>;
};

export function createMetricsRepo(db: Queryable): MetricsRepo {
  const codeCounts = async (sql: string) => {
    const { rows } = await db.query<{ code: string; n: number }>(sql);
    return rows.map((r) => ({ code: r.code, count: r.n }));
  };
  return {
    async emailCounts() {
      const { rows } = await db.query<{ source: string; kind: EmailKind; n: number }>(
        `SELECT source,
           CASE WHEN is_submission THEN 'submission'
                WHEN NOT is_submission THEN 'not_submission'
                WHEN last_run = 'failed' THEN 'failed'
                ELSE 'pending' END AS kind,
           count(*)::int AS n
         FROM messages GROUP BY 1, 2`,
      );
      return rows.map((r) => ({ source: r.source, kind: r.kind, count: r.n }));
    },
    async parseTimes() {
      const { rows } = await db.query<{ format: string; files: number; ms: string }>(
        `SELECT coalesce(format, 'unknown') AS format, count(*)::int AS files, sum(parse_ms)::bigint AS ms
         FROM attachments WHERE parse_ms IS NOT NULL GROUP BY 1`,
      );
      return rows.map((r) => ({ format: r.format, files: r.files, seconds: Number(r.ms) / 1000 }));
    },
    applicationFlagCounts: () =>
      codeCounts(
        `SELECT split_part(f, ':', 1) AS code, count(DISTINCT a.id)::int AS n
         FROM applications a CROSS JOIN LATERAL unnest(a.flags) AS f WHERE a.active GROUP BY 1`,
      ),
    emailFlagCounts: () =>
      codeCounts(
        `SELECT split_part(f, ':', 1) AS code, count(DISTINCT s.id)::int AS n
         FROM submissions s CROSS JOIN LATERAL unnest(s.flags) AS f WHERE s.active GROUP BY 1`,
      ),
    async replyCounts() {
      const { rows } = await db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM ack_outbox GROUP BY state');
      return rows.map((r) => ({ state: r.state, count: r.n }));
    },
  };
}
