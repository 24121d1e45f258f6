// processing_events: one row per stage attempt, so an operator sees what happened to a message
// (and how long each stage took) without reading logs.
import type { Queryable } from './pool.ts';

export type EventStatus = 'ok' | 'failed' | 'retrying' | 'skipped';

export type ProcessingEvent = {
  messageId: string;
  stage: string;
  status: EventStatus;
  attempt?: number | null;
  durationMs?: number | null;
  error?: string | null;
  detail?: Record<string, unknown> | null;
};

export type EventsRepo = {
  record(event: ProcessingEvent, db?: Queryable): Promise<void>;
  list(messageId: string): Promise<(ProcessingEvent & { at: Date })[]>;
};

export function createEventsRepo(pool: Queryable): EventsRepo {
  return {
    async record(e, db = pool) {
      await db.query(
        `INSERT INTO processing_events (message_id, stage, status, attempt, duration_ms, error, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          e.messageId,
          e.stage,
          e.status,
          e.attempt ?? null,
          e.durationMs == null ? null : Math.round(e.durationMs),
          e.error ?? null,
          e.detail ?? null,
        ],
      );
    },
    async list(messageId) {
      const { rows } = await pool.query(
        `SELECT message_id::text AS "messageId", stage, status, attempt, duration_ms AS "durationMs", error, detail, at
         FROM processing_events WHERE message_id = $1 ORDER BY at, id`,
        [messageId],
      );
      return rows;
    },
  };
}
