// /healthz (database, Redis, mailbox) for load balancers and monitoring, and /metrics in the
// Prometheus text format. Neither needs a login (the default bind is 127.0.0.1; a reverse proxy
// should not expose them), and neither says more than states and counts.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { checkServiceHealth } from '../../operations/health.ts';
import { createMetrics } from '../../operations/metrics.ts';

export async function registerOpsRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  const metrics = createMetrics(app);

  web.get('/healthz', async (_req, reply) => {
    const health = await checkServiceHealth(app, 3_000);
    return reply.code(health.ok ? 200 : 503).send(health);
  });

  web.get('/metrics', async (_req, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).send(body);
  });
}
