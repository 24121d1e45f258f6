// /healthz's mailbox verdict from the poller's heartbeat: healthy only when a poller reported
// recently and is connected; otherwise the detail says which of the three went wrong.
import { describe, expect, it } from 'vitest';
import type { PollerHeartbeatRecord } from '../../../src/mailbox/poller-state-record.ts';
import { judgeMailbox } from '../../../src/operations/health.ts';

const now = new Date('2025-11-05T08:00:10Z');
const beat: PollerHeartbeatRecord = {
  mailbox: 'intake/INBOX',
  host: '127.0.0.1',
  folder: 'INBOX',
  connected: true,
  lastUid: 7,
  lastFetchAt: new Date('2025-11-05T08:00:00Z'),
  lastSuccessAt: new Date('2025-11-05T08:00:00Z'),
  lastError: null,
  lastErrorAt: null,
  pid: 1,
  hostname: 'h',
  startedAt: new Date('2025-11-05T07:00:00Z'),
  updatedAt: new Date('2025-11-05T08:00:05Z'),
  intervalMs: 15_000,
};

describe('judgeMailbox', () => {
  it('is ok for a fresh, connected heartbeat and gives the last success', () => {
    expect(judgeMailbox(beat, now)).toEqual({ ok: true, detail: 'connected; last success 2025-11-05T08:00:00.000Z' });
    expect(judgeMailbox({ ...beat, lastSuccessAt: null }, now)).toEqual({ ok: true, detail: 'connected; no successful sync yet' });
  });

  it('fails without a heartbeat, with a stale one, and while disconnected (naming the error)', () => {
    expect(judgeMailbox(null, now)).toMatchObject({ ok: false, detail: expect.stringMatching(/no poller has reported/) });
    expect(judgeMailbox(beat, new Date('2025-11-05T08:01:00Z'))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/stale \(last at 2025-11-05T08:00:05.000Z\); last success 2025-11-05T08:00:00.000Z/),
    });
    expect(judgeMailbox({ ...beat, connected: false, lastError: 'Connection refused' }, now)).toEqual({
      ok: false,
      detail: 'poller not connected to the mail server: Connection refused; last success 2025-11-05T08:00:00.000Z',
    });
  });
});
