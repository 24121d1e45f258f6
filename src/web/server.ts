// The operators' dashboard: Fastify with its cookie, form-body, CSRF, rate-limit and static
// plugins; server-rendered Chinese pages; every page behind a login, every action a POST with a
// CSRF token. Routes are thin: they call src/operations/ and the dashboard read models.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { projectRoot } from '../config/project-root.ts';
import { requireAdmin, requireLogin } from './auth/require-login.ts';
import { readFlash } from './flash.ts';
import { registerApplicationRoutes } from './routes/application-routes.ts';
import { registerAuthRoutes } from './routes/auth-routes.ts';
import { registerBullBoard } from './routes/bull-board.ts';
import { registerExportRoutes } from './routes/export-routes.ts';
import { registerMessageRoutes } from './routes/message-routes.ts';
import { registerOpsRoutes } from './routes/ops-routes.ts';
import { registerOverviewRoutes } from './routes/overview-routes.ts';
import { registerQueueRoutes } from './routes/queue-routes.ts';
import { registerUserRoutes } from './routes/user-routes.ts';
import { createRenderer, type PageContext, type Renderer } from './views/render.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page in the layout, with the user, a CSRF token and any flash notice. */
    page(name: string, ctx: Omit<PageContext, 'user' | 'csrfToken'>, status?: number): FastifyReply;
  }
}

/** The secret that signs cookies (CSRF secret, flash): one per database, shared by every web process. */
async function cookieSecret(app: AppContext): Promise<string> {
  return app.repos.settings.getOrSet(app.pool, 'web_cookie_secret', randomBytes(32).toString('base64url'));
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  // No inline script anywhere: email content that slipped through escaping still could not run.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; " +
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

export async function buildWebServer(app: AppContext, opts: { renderer?: Renderer } = {}): Promise<FastifyInstance> {
  const web = Fastify({
    logger: false,
    trustProxy: app.config.web.trustProxy,
    bodyLimit: 64 * 1024,
    // Ids are numbers; anything longer than this in a URL is not ours.
    routerOptions: { maxParamLength: 200 },
  });
  const log = app.logger.child({ component: 'web' });
  const renderer = opts.renderer ?? createRenderer();
  const secure = app.config.web.secureCookies;

  await web.register(cookie, { secret: await cookieSecret(app) });
  await web.register(formbody);
  await web.register(csrf, {
    cookieKey: 'intake_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: true, secure },
  });
  await web.register(rateLimit, { global: false, redis: app.redis, nameSpace: `${app.config.queuePrefix}:web-rate:` });
  await web.register(fastifyStatic, {
    root: join(projectRoot(), 'templates', 'web', 'assets'),
    prefix: '/assets/',
    maxAge: '1h',
  });
  // ECharts from the npm package itself (no CDN: the bureau's network may not reach one).
  await web.register(fastifyStatic, {
    root: join(projectRoot(), 'node_modules', 'echarts', 'dist'),
    prefix: '/vendor/echarts/',
    decorateReply: false,
    allowedPath: (path) => path === '/echarts.min.js',
    maxAge: '1d',
  });

  web.decorateRequest('user', null);
  web.decorateReply('page', function (this: FastifyReply, name: string, ctx: Omit<PageContext, 'user' | 'csrfToken'>, status = 200) {
    const req = this.request;
    const user = req.user ? { name: req.user.name, role: req.user.role, isAdmin: req.user.role === 'admin' } : null;
    const html = renderer.render(name, {
      ...(ctx as PageContext),
      user,
      csrfToken: this.generateCsrf(),
      notice: (ctx.notice as PageContext['notice']) ?? readFlash(req, this),
    });
    return this.code(status).type('text/html; charset=utf-8').send(html);
  });

  web.addHook('onSend', async (req, reply, payload) => {
    const headers: Record<string, string> = { ...SECURITY_HEADERS, 'cache-control': 'no-store' };
    // bull-board's own UI needs its inline bootstrapping; it sits behind the admin login.
    if (req.url.startsWith('/admin/queues')) delete headers['content-security-policy'];
    // A route's own stricter header (downloads: a sandboxing CSP) wins.
    for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });

  web.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) log.error({ err, url: req.url, method: req.method }, 'request failed');
    else log.info({ code: err.code, status, url: req.url, method: req.method }, 'request refused');
    const text =
      status === 429
        ? '尝试次数过多，请稍后再试。'
        : err.code?.startsWith('FST_CSRF')
          ? '请求已失效（缺少或无效的安全令牌），请刷新页面后重试。'
          : status >= 500
            ? '服务器内部错误，请稍后重试；问题持续时请联系技术人员。'
            : '请求无效。';
    return reply.page('error', { title: '出错了', message: text, status }, status);
  });
  web.setNotFoundHandler((req, reply) => reply.page('error', { title: '页面不存在', message: '页面不存在。', status: 404 }, 404));

  // Public: the login, liveness and metrics for the operators' monitoring.
  await registerAuthRoutes(web, app);
  await registerOpsRoutes(web, app);

  // Everything else: a session, and a CSRF token on every state-changing request.
  await web.register(async (authed) => {
    authed.addHook('onRequest', requireLogin(app));
    authed.addHook('preHandler', (req, reply, done) => {
      if (req.method === 'GET' || req.method === 'HEAD') return done();
      authed.csrfProtection(req, reply, done);
    });
    await registerOverviewRoutes(authed, app);
    await registerQueueRoutes(authed, app);
    await registerApplicationRoutes(authed, app);
    await registerMessageRoutes(authed, app);
    await registerExportRoutes(authed, app);
    await authed.register(async (admin) => {
      admin.addHook('onRequest', requireAdmin());
      await registerUserRoutes(admin, app);
    });
  });
  // bull-board's own JSON API cannot send our CSRF token: admins only, same-origin requests only.
  await web.register(async (board) => {
    board.addHook('onRequest', requireLogin(app));
    board.addHook('onRequest', requireAdmin());
    await registerBullBoard(board, app);
  });
  return web;
}

/** `intake web` and `intake start`: listen until stopped. */
export async function startWebServer(app: AppContext): Promise<{ url: string; stop(): Promise<void> }> {
  const web = await buildWebServer(app);
  const address = await web.listen({ host: app.config.web.host, port: app.config.web.port });
  app.logger.info({ url: address }, 'dashboard listening');
  // Expired sessions are removed hourly (they are refused at once anyway).
  const timer = setInterval(
    () => void app.repos.webUsers.deleteExpiredSessions(app.pool).catch((err) => app.logger.warn({ err }, 'session cleanup failed')),
    3600_000,
  );
  timer.unref();
  return {
    url: address,
    stop: async () => {
      clearInterval(timer);
      await web.close();
    },
  };
}
