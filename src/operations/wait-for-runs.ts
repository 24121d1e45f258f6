// Waiting for messages to be processed (`intake import --wait`, `intake reprocess --wait`, tests):
// done when each message has no job pending and, with `since`, its last run started at or after
// that time, so a run already in flight when a reprocess was requested is not mistaken for it.
import type { AppContext } from '../app/context.ts';
import type { RunResult } from '../db/messages-repo.ts';

export type WaitOptions = { timeoutMs?: number; pollMs?: number; onProgress?: (done: number, total: number) => void };

/** How a message's run ended: 'ok' (extraction committed) or 'failed' (retries exhausted or permanent). */
export type RunOutcome = RunResult;

export async function waitForRuns(
  app: AppContext,
  ids: string[],
  opts: WaitOptions & { since?: Date } = {},
): Promise<Map<string, RunOutcome>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  const unique = [...new Set(ids)];
  let lastDone = -1;
  for (;;) {
    const states = await app.repos.messages.runStates(unique);
    const outcomes = new Map<string, RunOutcome>();
    for (const id of unique) {
      const s = states.get(id);
      if (!s || s.status !== 'done' || !s.lastRun) continue;
      if (opts.since && (!s.runStartedAt || s.runStartedAt < opts.since)) continue;
      outcomes.set(id, s.lastRun);
    }
    if (outcomes.size !== lastDone) opts.onProgress?.(outcomes.size, unique.length);
    lastDone = outcomes.size;
    // Re-judge jobs caused by these runs count too: the queues must be empty.
    if (outcomes.size === unique.length && (await app.queues.pendingCount()) === 0) return outcomes;
    if (Date.now() > deadline) throw new Error(`timed out: ${outcomes.size} of ${unique.length} messages processed`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
  }
}
