// /login and /logout. A failed login says only "用户名或密码错误" (never which), takes as long for
// an unknown name (a dummy hash is checked), is rate-limited per client address, and is audited.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { recordAudit } from '../../operations/audit.ts';
import { dummyHash, verifyPassword } from '../auth/password-hash.ts';
import { loadSessionUser, safeNext } from '../auth/require-login.ts';
import { hashSessionToken, looksLikeToken, newSessionToken, SESSION_COOKIE } from '../auth/session-token.ts';

type LoginBody = { username?: string; password?: string; next?: string };

export async function registerAuthRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  const cfg = app.config.web;
  const sessionCookie = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: cfg.secureCookies,
    maxAge: cfg.sessionIdleMinutes * 60,
  };

  web.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    req.user = await loadSessionUser(app, req);
    if (req.user) return reply.redirect(safeNext(req.query.next), 303);
    return reply.page('login', { title: '登录', next: safeNext(req.query.next) });
  });

  web.post<{ Body: LoginBody }>(
    '/login',
    {
      preHandler: web.csrfProtection,
      config: { rateLimit: { max: cfg.loginAttempts, timeWindow: '15 minutes', keyGenerator: (req) => `login:${req.ip}` } },
    },
    async (req, reply) => {
      const name = String(req.body?.username ?? '')
        .trim()
        .slice(0, 64);
      const password = String(req.body?.password ?? '').slice(0, 1024);
      const next = safeNext(req.body?.next);
      const user = name ? await app.repos.webUsers.findByName(app.pool, name) : null;
      const ok = (await verifyPassword(password, user?.passwordHash ?? (await dummyHash()))) && !!user && !user.disabled;
      if (!ok || !user) {
        await recordAudit(
          app,
          { name: name || '(empty)', ip: req.ip },
          { action: 'auth.login_failed', target: name ? `user:${name}` : null },
        );
        app.logger.info({ user: name, ip: req.ip }, 'dashboard login failed');
        return reply.page('login', { title: '登录', next, username: name, error: '用户名或密码错误，或账号已停用。' }, 401);
      }
      const token = newSessionToken();
      await app.repos.webUsers.createSession(app.pool, {
        tokenHash: hashSessionToken(token),
        userId: user.id,
        idleMinutes: cfg.sessionIdleMinutes,
        clientIp: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      await app.repos.webUsers.markLogin(app.pool, user.id);
      await recordAudit(app, { name: user.name, ip: req.ip }, { action: 'auth.login', target: `user:${user.name}` });
      return reply.setCookie(SESSION_COOKIE, token, sessionCookie).redirect(next, 303);
    },
  );

  web.post('/logout', { preHandler: web.csrfProtection }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (looksLikeToken(token)) {
      const user = await loadSessionUser(app, req);
      await app.repos.webUsers.deleteSession(app.pool, hashSessionToken(token));
      if (user) await recordAudit(app, { name: user.name, ip: req.ip }, { action: 'auth.logout', target: `user:${user.name}` });
    }
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/login', 303);
  });
}
