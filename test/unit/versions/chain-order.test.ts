import { describe, expect, it } from 'vitest';
import { compareChainOrder } from '../../../src/versions/version-chain.ts';

describe('compareChainOrder (versions of one unit)', () => {
  const at = (iso: string | null, messageId: string) => ({ receivedAt: iso ? new Date(iso) : null, messageId });

  it('orders by receipt instant, not by arrival in the database', () => {
    const v1 = at('2025-11-02T15:20:07+08:00', '20');
    const v2 = at('2025-11-04T09:41:55+08:00', '3');
    expect([v2, v1].sort(compareChainOrder)).toEqual([v1, v2]);
  });

  it('breaks ties by message id numerically and puts unknown receipt times last', () => {
    const a = at('2025-11-02T00:00:00Z', '9');
    const b = at('2025-11-02T00:00:00Z', '10');
    const c = at(null, '1');
    expect([c, b, a].sort(compareChainOrder)).toEqual([a, b, c]);
  });
});
