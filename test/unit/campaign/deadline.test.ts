// Lateness is judged on instants against the last on-time second, shown in Asia/Shanghai.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE } from '../../../src/campaign/campaign.ts';
import { isLate, toShanghaiIso } from '../../../src/campaign/deadline.ts';

const deadline = new Date(DEFAULT_DEADLINE);

describe('isLate', () => {
  it.each([
    ['2025-11-05T23:59:30+08:00', false],
    ['2025-11-05T23:59:59+08:00', false],
    ['2025-11-05T23:59:59.900+08:00', false], // still within the last on-time second
    ['2025-11-06T00:00:00+08:00', true],
    // The UTC trap: 16:30 UTC on the 5th is 00:30 on the 6th in Shanghai.
    ['2025-11-05T16:30:00Z', true],
    ['2025-11-05T15:59:59Z', false],
    ['2025-11-10T09:12:33+08:00', true],
    ['2025-10-22T10:31:08+08:00', false],
  ])('%s → late %s', (received, late) => {
    expect(isLate(new Date(received), deadline)).toBe(late);
  });

  it('an unknown receipt time is not judged late', () => {
    expect(isLate(null, deadline)).toBe(false);
  });
});

describe('toShanghaiIso', () => {
  it('writes instants in +08:00 whatever zone they came in', () => {
    expect(toShanghaiIso(new Date('2025-11-05T16:30:00Z'))).toBe('2025-11-06T00:30:00+08:00');
    expect(toShanghaiIso(new Date('2025-10-29T16:20:41+08:00'))).toBe('2025-10-29T16:20:41+08:00');
    expect(toShanghaiIso(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01T00:00:00+08:00');
  });
});
