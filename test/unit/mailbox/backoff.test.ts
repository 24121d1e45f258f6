import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/mailbox/backoff.ts';

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(0, { baseMs: 1000, random: () => 0 })).toBe(500);
    expect(backoffDelay(0, { baseMs: 1000, random: () => 1 })).toBe(1000);
    expect(backoffDelay(3, { baseMs: 1000, random: () => 0 })).toBe(4000);
    expect(backoffDelay(3, { baseMs: 1000, random: () => 1 })).toBe(8000);
  });

  it('is capped, also for huge attempt counts', () => {
    expect(backoffDelay(50, { baseMs: 1000, maxMs: 60_000, random: () => 1 })).toBe(60_000);
    expect(backoffDelay(10_000, { random: () => 0.5 })).toBeLessThanOrEqual(5 * 60_000);
  });

  it('spreads reconnects (jitter)', () => {
    const seen = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
    expect(seen.size).toBeGreaterThan(1);
  });
});
