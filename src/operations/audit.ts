// Every operator action (review, reprocess, retry, resend, release, user changes) is recorded
// with who, when and from where, whether it came from the dashboard or the command line.
import { userInfo } from 'node:os';
import type { AppContext } from '../app/context.ts';
import type { AuditEntry } from '../db/audit-repo.ts';
import type { Queryable } from '../db/pool.ts';

/** Who acts: a dashboard account (with the client's address) or the command line. */
export type Actor = { name: string; ip?: string | null };

export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a container's arbitrary uid): keep 'unknown'.
  }
  return { name: `cli:${user}` };
}

export function recordAudit(app: AppContext, actor: Actor, e: Omit<AuditEntry, 'actor' | 'clientIp'>, db: Queryable = app.pool) {
  return app.repos.audit.record(db, { ...e, actor: actor.name, clientIp: actor.ip ?? null });
}
