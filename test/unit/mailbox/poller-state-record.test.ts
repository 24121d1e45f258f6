// The poller's Redis hash: what the poller writes is what the other processes read back, and a
// heartbeat that missed its refreshes is called stale before Redis expires it.
import { describe, expect, it } from 'vitest';
import {
  decodeHeartbeat,
  encodeHeartbeat,
  isStale,
  pollerStateKey,
  type PollerHeartbeatRecord,
} from '../../../src/mailbox/poller-state-record.ts';

const record: PollerHeartbeatRecord = {
  mailbox: 'ssjjsjzlc@163.com/INBOX',
  host: 'imap.163.com',
  folder: 'INBOX',
  connected: true,
  lastUid: 1234,
  lastFetchAt: new Date('2025-11-05T08:00:00Z'),
  lastSuccessAt: new Date('2025-11-05T08:00:00Z'),
  lastError: null,
  lastErrorAt: null,
  pid: 4242,
  hostname: 'intake-1',
  startedAt: new Date('2025-11-05T07:00:00Z'),
  updatedAt: new Date('2025-11-05T08:00:05Z'),
  intervalMs: 15_000,
};

describe('poller state record', () => {
  it('is keyed by queue prefix and mailbox', () => {
    expect(pollerStateKey('intake', record.mailbox)).toBe('intake:poller-state:ssjjsjzlc@163.com/INBOX');
  });

  it('reads back exactly what was written, nulls included', () => {
    const hash = encodeHeartbeat(record);
    expect(Object.values(hash).every((v) => typeof v === 'string')).toBe(true);
    expect(decodeHeartbeat(hash)).toEqual(record);
    const failing = {
      ...record,
      connected: false,
      lastUid: null,
      lastSuccessAt: null,
      lastError: 'Connection timed out',
      lastErrorAt: record.updatedAt,
    };
    expect(decodeHeartbeat(encodeHeartbeat(failing))).toEqual(failing);
  });

  it('reads a missing or foreign hash as no heartbeat', () => {
    expect(decodeHeartbeat({})).toBeNull();
    expect(decodeHeartbeat({ mailbox: 'x' })).toBeNull();
    expect(decodeHeartbeat({ updatedAt: 'not a date', mailbox: 'x' })).toBeNull();
  });

  it('is stale after three missed refreshes', () => {
    const at = (ms: number) => new Date(record.updatedAt.getTime() + ms);
    expect(isStale(record, at(44_000))).toBe(false);
    expect(isStale(record, at(46_000))).toBe(true);
    expect(isStale({ ...record, intervalMs: 100 }, at(301))).toBe(true);
  });
});
