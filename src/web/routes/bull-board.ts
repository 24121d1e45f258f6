// bull-board, the raw BullMQ view, at /admin/queues behind the administrators' login. Its JSON
// API cannot carry our CSRF token, so a state-changing request must come from our own origin
// (the session cookie is SameSite=Lax too).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { QueueName } from '../../queue/jobs.ts';

export const BULL_BOARD_PATH = '/admin/queues';

export async function registerBullBoard(web: FastifyInstance, app: AppContext): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.queues.get(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: '武汉市数据局 · 队列' } },
  });
  web.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD') return;
    const origin = req.headers.origin;
    const host = req.headers.host;
    if (!origin || !host || new URL(origin).host !== host) {
      return reply.code(403).type('text/plain; charset=utf-8').send('跨站请求被拒绝');
    }
  });
  await web.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
}
