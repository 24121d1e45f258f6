// 邮件: every email received, submissions and the rest (questions, auto-replies, bounces, spam)
// with the judgement; one email with its files, processing history and acknowledgements; the
// actions reprocess, resend and release; raw .eml and attachment downloads.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { releaseAck, resendAck } from '../../operations/acks.ts';
import { reprocessMessages } from '../../operations/reprocess.ts';
import { sendDownload } from '../download.ts';
import { redirectWith } from '../flash.ts';

const PAGE_SIZE = 30;
const KINDS = [
  { value: '', text: '全部' },
  { value: 'submission', text: '申报邮件' },
  { value: 'not_submission', text: '非申报邮件' },
  { value: 'failed', text: '处理失败' },
  { value: 'pending', text: '处理中/排队' },
] as const;

export async function registerMessageRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  web.get<{ Querystring: { q?: string; kind?: string; page?: string } }>('/messages', async (req, reply) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const kind = KINDS.find((k) => k.value && k.value === req.query.kind)?.value;
    const page = Math.min(100_000, Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1));
    const { rows, total } = await app.repos.dashboard.listMessages(
      app.pool,
      { q: q || undefined, kind: kind || undefined },
      { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    );
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const link = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...(kind ? { kind } : {}), page: String(p) })}`;
    return reply.page('messages', {
      title: '邮件',
      nav: 'messages',
      rows,
      total,
      q,
      kinds: KINDS.map((k) => ({ ...k, selected: k.value === (kind ?? '') })),
      page,
      pages,
      prev: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
    });
  });

  web.get<{ Params: { id: string } }>('/messages/:id', async (req, reply) => {
    const m = await app.repos.dashboard.message(app.pool, req.params.id);
    if (!m) return reply.page('error', { title: '邮件不存在', message: `没有编号为 ${req.params.id} 的邮件。`, status: 404 }, 404);
    const [files, events, acks, audit] = await Promise.all([
      app.repos.dashboard.attachmentsOf(app.pool, [m.id]),
      app.repos.events.list(m.id),
      app.repos.acks.list({ messageId: m.id }),
      app.repos.audit.list(app.pool, { target: `message:${m.id}`, limit: 50 }),
    ]);
    return reply.page('message', { title: m.subject || `邮件 ${m.id}`, nav: 'messages', m, files, events: events.reverse(), acks, audit });
  });

  web.get<{ Params: { id: string } }>('/messages/:id/raw', async (req, reply) => {
    const m = await app.repos.dashboard.message(app.pool, req.params.id);
    if (!m) return reply.code(404).send('没有这封邮件');
    return sendDownload(reply, app.store.pathOf(m.rawSha256), `message-${m.id}.eml`);
  });

  web.get<{ Params: { id: string } }>('/attachments/:id/download', async (req, reply) => {
    const f = await app.repos.dashboard.attachment(app.pool, req.params.id);
    if (!f) return reply.code(404).send('没有这个附件');
    return sendDownload(reply, app.store.pathOf(f.sha256), f.filename);
  });

  web.post<{ Params: { id: string } }>('/messages/:id/reprocess', async (req, reply) => {
    const m = await app.repos.dashboard.message(app.pool, req.params.id);
    if (!m) return reply.code(404).send('没有这封邮件');
    await reprocessMessages(app, { ids: [m.id] }, { requestedBy: req.user!.name, clientIp: req.ip });
    return redirectWith(reply, `/messages/${m.id}`, { ok: true, text: '已重新排队处理，稍后刷新查看结果。' });
  });

  web.post<{ Params: { id: string }; Body: { back?: string } }>('/acks/:id/resend', async (req, reply) => {
    const back = typeof req.body?.back === 'string' && /^\/(applications|messages)\/\d+$/.test(req.body.back) ? req.body.back : '/messages';
    try {
      const row = await resendAck(app, req.params.id, req.user!.name, req.ip);
      return redirectWith(reply, back, { ok: true, text: `回执已重发（新回执 #${row.id}，状态：${row.state}）。` });
    } catch (err) {
      return redirectWith(reply, back, { ok: false, text: `无法重发：${(err as Error).message}` });
    }
  });

  web.post<{ Params: { id: string }; Body: { back?: string } }>('/acks/:id/release', async (req, reply) => {
    const back = typeof req.body?.back === 'string' && /^\/(applications|messages)\/\d+$/.test(req.body.back) ? req.body.back : '/messages';
    const released = await releaseAck(app, req.params.id, req.user!.name, req.ip);
    return redirectWith(
      reply,
      back,
      released ? { ok: true, text: '回执已放行，将按发送设置发出。' } : { ok: false, text: '该回执不是暂缓状态。' },
    );
  });
}
