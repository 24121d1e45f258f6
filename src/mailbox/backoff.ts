// Reconnect delays: exponential with "equal jitter" so that several pollers that lost the same
// server do not reconnect in lockstep, capped so a long outage is retried every few minutes.
export type BackoffOptions = { baseMs?: number; maxMs?: number; random?: () => number };

export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 1000;
  const max = opts.maxMs ?? 5 * 60_000;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
