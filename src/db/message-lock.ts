// One run of a message at a time. Two jobs for the same message (a re-judge queued while the
// first run still parses, an operator's reprocess beside a retry) would otherwise interleave:
// both extract, and the older extraction could commit last. A session-level advisory lock on a
// dedicated connection is held for the whole run; the second run waits, then runs on what the
// first committed. A worker that dies closes its connection, and PostgreSQL frees the lock.
import type { Pool } from './pool.ts';

const LOCK_SPACE = 7241865;

export type HeldMessageLock = {
  /**
   * Throws if the lock's connection is gone. PostgreSQL frees a session lock when its connection
   * drops (a database restart mid-run), and another run may then take it: a run calls this inside
   * its write transaction, so it rolls back and retries instead of committing beside another one.
   */
  assertHeld(): Promise<void>;
};

export async function withMessageLock<T>(pool: Pool, messageId: string, fn: (lock: HeldMessageLock) => Promise<T>): Promise<T> {
  const params = [`message:${messageId}`, LOCK_SPACE];
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, $2))', params);
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  try {
    return await fn({
      async assertHeld() {
        await client.query('SELECT 1');
      },
    });
  } finally {
    try {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, $2))', params);
      client.release();
    } catch (err) {
      // Never hand a connection that may still hold the lock back to the pool: destroy it.
      client.release(err as Error);
    }
  }
}
