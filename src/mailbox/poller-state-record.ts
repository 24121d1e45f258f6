// The poller's published state as it sits in Redis: one hash per mailbox, written by the poller
// that holds the mailbox lock (poller-heartbeat.ts) and read by other processes (the web role's
// overview, /healthz, /metrics). Pure: the key, the encoding and the staleness rule in one place,
// so writer and readers cannot drift apart.

export type PollerHeartbeatRecord = {
  mailbox: string;
  host: string;
  folder: string;
  connected: boolean;
  /** Highest UID recorded in the cursor (null until the first pass read it). */
  lastUid: number | null;
  /** When a sync pass last ended, with or without an error. */
  lastFetchAt: Date | null;
  /** When a sync pass last ended without an error. */
  lastSuccessAt: Date | null;
  /** The last IMAP or sync error: its message only (never a login or password). */
  lastError: string | null;
  lastErrorAt: Date | null;
  pid: number;
  hostname: string;
  startedAt: Date;
  updatedAt: Date;
  /** How often the writer refreshes the hash; readers call it stale after a few missed beats. */
  intervalMs: number;
};

/** Missed refreshes after which a present hash is called stale (its TTL removes it later). */
export const STALE_AFTER_BEATS = 3;

export function pollerStateKey(queuePrefix: string, mailbox: string): string {
  return `${queuePrefix}:poller-state:${mailbox}`;
}

/** SCAN pattern for every mailbox's hash (QUEUE_PREFIX holds no glob characters: see env.ts). */
export function pollerStatePattern(queuePrefix: string): string {
  return `${queuePrefix}:poller-state:*`;
}

export function encodeHeartbeat(r: PollerHeartbeatRecord): Record<string, string> {
  const time = (d: Date | null) => (d ? d.toISOString() : '');
  return {
    mailbox: r.mailbox,
    host: r.host,
    folder: r.folder,
    connected: r.connected ? '1' : '0',
    lastUid: r.lastUid == null ? '' : String(r.lastUid),
    lastFetchAt: time(r.lastFetchAt),
    lastSuccessAt: time(r.lastSuccessAt),
    lastError: r.lastError ?? '',
    lastErrorAt: time(r.lastErrorAt),
    pid: String(r.pid),
    hostname: r.hostname,
    startedAt: time(r.startedAt),
    updatedAt: time(r.updatedAt),
    intervalMs: String(r.intervalMs),
  };
}

/** Null when the hash is missing or not one of ours (no mailbox or updatedAt). */
export function decodeHeartbeat(hash: Record<string, string>): PollerHeartbeatRecord | null {
  const updatedAt = toDate(hash.updatedAt);
  if (!hash.mailbox || !updatedAt) return null;
  const int = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);
  return {
    mailbox: hash.mailbox,
    host: hash.host ?? '',
    folder: hash.folder ?? '',
    connected: hash.connected === '1',
    lastUid: int(hash.lastUid),
    lastFetchAt: toDate(hash.lastFetchAt),
    lastSuccessAt: toDate(hash.lastSuccessAt),
    lastError: hash.lastError || null,
    lastErrorAt: toDate(hash.lastErrorAt),
    pid: int(hash.pid) ?? 0,
    hostname: hash.hostname ?? '',
    startedAt: toDate(hash.startedAt) ?? updatedAt,
    updatedAt,
    intervalMs: int(hash.intervalMs) ?? 15_000,
  };
}

/** A poller that stopped refreshing (killed, hung, partitioned) before Redis expired its hash. */
export function isStale(r: Pick<PollerHeartbeatRecord, 'updatedAt' | 'intervalMs'>, now: Date = new Date()): boolean {
  return now.getTime() - r.updatedAt.getTime() > STALE_AFTER_BEATS * r.intervalMs;
}

function toDate(v: string | undefined): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
