// What operators see of the queues (the dashboard's 队列 page and overview) and the one action
// they take on a failed job: retry it. A retried ingest job re-runs the message exactly as a
// reprocess would (ingest is idempotent), and the retry is recorded in the audit log.
import { Job } from 'bullmq';
import type { AppContext } from '../app/context.ts';
import { QueueName } from '../queue/jobs.ts';
import { recordAudit, type Actor } from './audit.ts';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

export type QueueSummary = {
  queue: QueueName;
  counts: Record<(typeof JOB_STATES)[number], number>;
  /** Age of the oldest waiting job, seconds; null when none waits. */
  oldestWaitingSeconds: number | null;
};

export type FailedJob = {
  queue: QueueName;
  id: string;
  name: string;
  data: Record<string, unknown>;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
  createdAt: Date;
};

/** A request the operator can fix (no such queue or job, not failed). */
export class QueueJobError extends Error {}

const isQueueName = (v: string): v is QueueName => (Object.values(QueueName) as string[]).includes(v);

export async function queueSummaries(app: AppContext): Promise<QueueSummary[]> {
  return Promise.all(
    Object.values(QueueName).map(async (name) => {
      const q = app.queues.get(name);
      const counts = (await q.getJobCounts(...JOB_STATES)) as QueueSummary['counts'];
      const [oldest] = await q.getJobs(['wait'], -1, -1, true).catch(() => []);
      const waitingSince = oldest?.timestamp ?? null;
      return {
        queue: name,
        counts,
        oldestWaitingSeconds: waitingSince ? Math.max(0, Math.round((Date.now() - waitingSince) / 1000)) : null,
      };
    }),
  );
}

export async function failedJobs(app: AppContext, limit = 100): Promise<FailedJob[]> {
  const out: FailedJob[] = [];
  for (const name of Object.values(QueueName)) {
    const jobs = await app.queues.get(name).getFailed(0, limit - 1);
    for (const j of jobs) {
      if (!j?.id) continue;
      out.push({
        queue: name,
        id: j.id,
        name: j.name,
        data: (j.data ?? {}) as Record<string, unknown>,
        failedReason: j.failedReason ?? '',
        attemptsMade: j.attemptsMade,
        failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
        createdAt: new Date(j.timestamp),
      });
    }
  }
  return out.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0));
}

export async function retryFailedJob(app: AppContext, actor: Actor, queue: string, jobId: string): Promise<void> {
  if (!isQueueName(queue)) throw new QueueJobError(`没有队列“${queue}”`);
  const job = await Job.fromId(app.queues.get(queue), jobId);
  if (!job) throw new QueueJobError(`任务 ${jobId} 不存在（可能已被清理）`);
  if (!(await job.isFailed())) throw new QueueJobError(`任务 ${jobId} 不是失败状态，无需重试`);
  // An ingest job's message row says a run is pending before the job moves (as a reprocess does).
  const messageId = typeof job.data?.messageId === 'string' ? job.data.messageId : null;
  if (queue === QueueName.Ingest && messageId) await app.repos.messages.markQueued([messageId]);
  await job.retry('failed');
  await recordAudit(app, actor, {
    action: 'job.retry',
    target: `job:${queue}/${jobId}`,
    detail: { name: job.name, messageId, failedReason: job.failedReason?.slice(0, 500) ?? null },
  });
}
