// 总览: today's and all-time counts, intake per day (chart), counts by industry, direction and
// category, the queues and the poller. The page renders the numbers once and
// /assets/overview.js refreshes them from /api/overview every few seconds (no reload).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { readPollerStates } from '../../operations/poller-state.ts';
import { queueSummaries } from '../../operations/queue-jobs.ts';

async function overviewData(app: AppContext) {
  const [counts, queues, pollers] = await Promise.all([
    app.repos.dashboard.overview(app.pool, 60),
    queueSummaries(app),
    readPollerStates(app).catch(() => []),
  ]);
  return { at: new Date().toISOString(), ...counts, queues, pollers };
}

export async function registerOverviewRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  web.get('/', async (_req, reply) => reply.page('overview', { title: '总览', nav: 'overview', data: await overviewData(app) }));
  web.get('/api/overview', async () => overviewData(app));
}
