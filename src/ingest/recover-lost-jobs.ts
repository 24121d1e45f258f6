// Rebuilds the ingest queue from PostgreSQL. Redis holds only queue state: when it restarts empty
// (no persistence, a failover, a flush) or a job is lost some other way (its final failure could
// not be recorded because PostgreSQL was down), a message row still says a run is pending
// (status <> 'done') while no job for it exists. Each ingest worker process runs this sweep at
// start and every minute; a message it finds is queued again as a 'recover' run.
//
// Never two runs at once: runs of one message are serialized by the per-message advisory lock
// (withMessageLock) and are idempotent, and the reply is written once per message, so a job
// queued by mistake beside a live one costs one extra run, nothing more. Mistakes are made rare
// anyway: only rows untouched for graceMs are looked at (a row is written just before its job is
// added), the queue's job lists are read in one Lua call (a job moving between states cannot be
// missed between two reads), a second read must confirm the first, and one process sweeps at a time.
import type { JobType } from 'bullmq';
import type { AppContext } from '../app/context.ts';
import { requestRerun } from '../operations/request-rerun.ts';
import { QueueName } from '../queue/jobs.ts';

/** Every state in which a job will still run (or is running). */
const LIVE_STATES: JobType[] = ['active', 'wait', 'delayed', 'prioritized', 'waiting-children'];
/** A first run's job id names its message (ingestJobId); re-runs have random ids. */
const FIRST_RUN_ID = /^ingest-(\d+)$/;

export type RecoverOptions = {
  /** Rows changed more recently than this are left alone (their job may be being added). */
  graceMs: number;
};

export async function recoverLostIngestJobs(app: AppContext, opts: RecoverOptions): Promise<{ requeued: string[] }> {
  const candidates = await app.repos.messages.idsStuck(opts.graceMs);
  if (candidates.length === 0) return { requeued: [] };
  // One sweeper at a time across processes; the key expires on its own if this one dies.
  const key = `${app.config.queuePrefix}:ingest-recover-lock`;
  if ((await app.redis.set(key, String(process.pid), 'PX', 30_000, 'NX')) !== 'OK') return { requeued: [] };
  try {
    const first = await liveMessageIds(app);
    const missing = candidates.filter((id) => !first.has(id));
    if (missing.length === 0) return { requeued: [] };
    const second = await liveMessageIds(app);
    const lost = missing.filter((id) => !second.has(id));
    if (lost.length === 0) return { requeued: [] };
    app.logger
      .child({ component: 'ingest-recover' })
      .warn({ count: lost.length, messageIds: lost.slice(0, 50) }, 'messages pending without a job; queued again');
    await requestRerun(app, { messageIds: lost, reason: 'recover', requestedBy: 'recovery sweep: job missing from the queue' });
    return { requeued: lost };
  } finally {
    await app.redis.del(key).catch(() => undefined);
  }
}

async function liveMessageIds(app: AppContext): Promise<Set<string>> {
  const queue = app.queues.get(QueueName.Ingest);
  const ids = await queue.getRanges(LIVE_STATES, 0, -1);
  const live = new Set<string>();
  for (const id of ids) {
    const first = FIRST_RUN_ID.exec(id);
    if (first) {
      live.add(first[1]!);
      continue;
    }
    // A job finished and removed since the read is simply absent: its row is no longer pending.
    const messageId = (await queue.getJob(id))?.data?.messageId;
    if (typeof messageId === 'string') live.add(messageId);
  }
  return live;
}
