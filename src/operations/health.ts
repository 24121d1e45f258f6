// Whether this deployment can do its work: PostgreSQL reachable and migrated, Redis answering,
// and (for /healthz) a poller working the mailbox. Each check has its own time limit and never
// throws; the result names what failed and why (connection strings masked: no password reaches a
// healthcheck log).
import type { AppContext } from '../app/context.ts';
import type { Config } from '../config/env.ts';
import { checkDatabase } from '../db/health-check.ts';
import { maskUrlCredentials } from '../log/logger.ts';
import { mailboxKey } from '../mailbox/mailbox-key.ts';
import { isStale, type PollerHeartbeatRecord } from '../mailbox/poller-state-record.ts';
import { checkRedis } from '../queue/health-check.ts';
import { readHeartbeat } from './poller-state.ts';
import { withTimeout } from './with-timeout.ts';

export type HealthCheck = { name: string; ok: boolean; detail: string; ms: number };

/**
 * PostgreSQL and Redis only: `intake health`, the containers' healthcheck. It must not depend on
 * the mailbox, or a NetEase outage would have every container restarted.
 */
export async function checkHealth(config: Pick<Config, 'databaseUrl' | 'redisUrl'>, timeoutMs = 5_000): Promise<HealthCheck[]> {
  return Promise.all([
    runCheck('database', timeoutMs, () => checkDatabase(config.databaseUrl, timeoutMs)),
    runCheck('redis', timeoutMs, () => checkRedis(config.redisUrl, timeoutMs)),
  ]);
}

/** /healthz: the checks above plus the mailbox, read from the poller's heartbeat (any process may ask). */
export async function checkServiceHealth(app: AppContext, timeoutMs = 5_000): Promise<{ ok: boolean; checks: HealthCheck[] }> {
  const [base, mailbox] = await Promise.all([checkHealth(app.config, timeoutMs), runCheck('mailbox', timeoutMs, () => checkMailbox(app))]);
  const checks = [...base, mailbox];
  return { ok: checks.every((c) => c.ok), checks };
}

async function checkMailbox(app: AppContext): Promise<string> {
  // Roles that do not poll may run without IMAP settings: nothing to watch from here then.
  if (!app.config.imap.user) return 'not configured';
  const verdict = judgeMailbox(await readHeartbeat(app, mailboxKey(app.config.imap)));
  if (!verdict.ok) throw new Error(verdict.detail);
  return verdict.detail;
}

/** Healthy: a fresh heartbeat from a poller connected to the server. */
export function judgeMailbox(beat: PollerHeartbeatRecord | null, now: Date = new Date()): { ok: boolean; detail: string } {
  if (!beat) return { ok: false, detail: 'no poller has reported for this mailbox recently (none running, or it stopped)' };
  const lastSuccess = beat.lastSuccessAt ? `last success ${beat.lastSuccessAt.toISOString()}` : 'no successful sync yet';
  if (isStale(beat, now))
    return { ok: false, detail: `poller heartbeat is stale (last at ${beat.updatedAt.toISOString()}); ${lastSuccess}` };
  if (!beat.connected) {
    const why = beat.lastError ? `: ${beat.lastError}` : '';
    return { ok: false, detail: `poller not connected to the mail server${why}; ${lastSuccess}` };
  }
  return { ok: true, detail: `connected; ${lastSuccess}` };
}

async function runCheck(name: string, timeoutMs: number, fn: () => Promise<string>): Promise<HealthCheck> {
  const started = performance.now();
  try {
    const detail = await withTimeout(timeoutMs, fn);
    return { name, ok: true, detail, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const detail = maskUrlCredentials((err as Error)?.message || String(err));
    return { name, ok: false, detail, ms: Math.round(performance.now() - started) };
  }
}
