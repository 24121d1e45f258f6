// 队列: per-queue counts, the failed jobs with their error and a retry button. The raw BullMQ
// view (bull-board) is at /admin/queues for administrators.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { failedJobs, QueueJobError, queueSummaries, retryFailedJob } from '../../operations/queue-jobs.ts';
import { redirectWith } from '../flash.ts';

export async function registerQueueRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  web.get('/queue', async (_req, reply) => {
    const [queues, failed] = await Promise.all([queueSummaries(app), failedJobs(app, 200)]);
    return reply.page('queue', { title: '队列', nav: 'queue', queues, failed });
  });

  web.post<{ Params: { queue: string; id: string } }>('/queue/:queue/jobs/:id/retry', async (req, reply) => {
    try {
      await retryFailedJob(app, { name: req.user!.name, ip: req.ip }, req.params.queue, req.params.id);
      return redirectWith(reply, '/queue', { ok: true, text: `任务 ${req.params.id} 已重新排队。` });
    } catch (err) {
      if (!(err instanceof QueueJobError)) throw err;
      return redirectWith(reply, '/queue', { ok: false, text: err.message });
    }
  });
}
