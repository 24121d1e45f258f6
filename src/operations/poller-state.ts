// Where each mailbox's poller stands, for processes other than the poller's (the dashboard's
// overview, /healthz, /metrics): the heartbeat the lock holder publishes in Redis
// (src/mailbox/poller-heartbeat.ts) joined with the cursor in PostgreSQL, so the last recorded
// UID shows even when no poller runs.
import type { AppContext } from '../app/context.ts';
import {
  decodeHeartbeat,
  isStale,
  pollerStateKey,
  pollerStatePattern,
  type PollerHeartbeatRecord,
} from '../mailbox/poller-state-record.ts';
import { withTimeout } from './with-timeout.ts';

export type PollerState = {
  mailbox: string;
  /** A poller's hash is in Redis: one held this mailbox within the expiry (90 s). */
  heartbeat: boolean;
  /** No heartbeat, or one that missed several refreshes (a hung or partitioned poller). */
  stale: boolean;
  /** Connected to the IMAP server as of a fresh heartbeat (false when stale). */
  connected: boolean;
  host: string | null;
  folder: string | null;
  /** The poller's last UID, else the cursor's. */
  lastUid: number | null;
  lastFetchAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  pid: number | null;
  hostname: string | null;
  startedAt: Date | null;
  updatedAt: Date | null;
  /** mailbox_cursors: the last UID safely recorded, and when it last moved. */
  cursor: { uidvalidity: number; lastUid: number; updatedAt: Date } | null;
};

export type ReadPollerOptions = { timeoutMs?: number; now?: Date };

/**
 * Every mailbox with a heartbeat or a cursor, sorted by name. Throws when Redis or PostgreSQL
 * fails or does not answer within timeoutMs (default 5 s).
 */
export async function readPollerStates(app: AppContext, opts: ReadPollerOptions = {}): Promise<PollerState[]> {
  const now = opts.now ?? new Date();
  const [beats, cursors] = await withTimeout(opts.timeoutMs ?? 5_000, () =>
    Promise.all([scanHeartbeats(app), app.repos.cursors.listCursors()]),
  );
  const byMailbox = new Map<string, PollerState>();
  for (const b of beats) byMailbox.set(b.mailbox, fromHeartbeat(b, now));
  for (const c of cursors) {
    const cursor = { uidvalidity: c.uidvalidity, lastUid: c.lastUid, updatedAt: c.updatedAt };
    const state = byMailbox.get(c.mailbox) ?? withoutHeartbeat(c.mailbox);
    byMailbox.set(c.mailbox, { ...state, cursor, lastUid: state.lastUid ?? c.lastUid });
  }
  return [...byMailbox.values()].sort((a, b) => a.mailbox.localeCompare(b.mailbox));
}

/** One mailbox's heartbeat (null when absent). No time limit of its own: callers set one. */
export async function readHeartbeat(app: AppContext, mailbox: string): Promise<PollerHeartbeatRecord | null> {
  return decodeHeartbeat(await app.redis.hgetall(pollerStateKey(app.config.queuePrefix, mailbox)));
}

async function scanHeartbeats(app: AppContext): Promise<PollerHeartbeatRecord[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await app.redis.scan(cursor, 'MATCH', pollerStatePattern(app.config.queuePrefix), 'COUNT', 200);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const pipeline = app.redis.pipeline();
  for (const key of new Set(keys)) pipeline.hgetall(key);
  const replies = (await pipeline.exec()) ?? [];
  // A hash that expired between SCAN and HGETALL comes back empty and decodes to null.
  return replies.map(([, hash]) => decodeHeartbeat((hash ?? {}) as Record<string, string>)).filter((r) => r !== null);
}

export function fromHeartbeat(b: PollerHeartbeatRecord, now: Date): PollerState {
  const stale = isStale(b, now);
  return {
    mailbox: b.mailbox,
    heartbeat: true,
    stale,
    connected: b.connected && !stale,
    host: b.host || null,
    folder: b.folder || null,
    lastUid: b.lastUid,
    lastFetchAt: b.lastFetchAt,
    lastSuccessAt: b.lastSuccessAt,
    lastError: b.lastError,
    lastErrorAt: b.lastErrorAt,
    pid: b.pid || null,
    hostname: b.hostname || null,
    startedAt: b.startedAt,
    updatedAt: b.updatedAt,
    cursor: null,
  };
}

function withoutHeartbeat(mailbox: string): PollerState {
  return {
    mailbox,
    heartbeat: false,
    stale: true,
    connected: false,
    host: null,
    folder: null,
    lastUid: null,
    lastFetchAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    pid: null,
    hostname: null,
    startedAt: null,
    updatedAt: null,
    cursor: null,
  };
}
