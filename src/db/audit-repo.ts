// audit_log: who did what, when, to which record — from the dashboard and the command line.
import type { Queryable } from './pool.ts';

export type AuditEntry = {
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
  clientIp?: string | null;
};

export type StoredAuditEntry = Required<Omit<AuditEntry, 'detail'>> & { id: string; at: Date; detail: Record<string, unknown> };

export type AuditRepo = {
  record(db: Queryable, e: AuditEntry): Promise<void>;
  /** Newest first; `target` narrows to one record (e.g. application:12). */
  list(db: Queryable, filter: { target?: string; targets?: string[]; limit?: number; offset?: number }): Promise<StoredAuditEntry[]>;
};

export function createAuditRepo(): AuditRepo {
  return {
    async record(db, e) {
      await db.query('INSERT INTO audit_log (actor, action, target, detail, client_ip) VALUES ($1, $2, $3, $4, $5)', [
        e.actor,
        e.action,
        e.target ?? null,
        JSON.stringify(e.detail ?? {}),
        e.clientIp ?? null,
      ]);
    },

    async list(db, filter) {
      const targets = filter.targets ?? (filter.target ? [filter.target] : null);
      const { rows } = await db.query<StoredAuditEntry>(
        `SELECT id::text AS id, at, actor, action, target, detail, client_ip AS "clientIp" FROM audit_log
         WHERE ($1::text[] IS NULL OR target = ANY($1)) ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3`,
        [targets, filter.limit ?? 100, filter.offset ?? 0],
      );
      return rows;
    },
  };
}
