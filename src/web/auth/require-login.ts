// The login gate of every page but /login, /healthz, /metrics and the static assets: the session
// cookie's token is looked up (its hash) and slides its expiry; a disabled account or an expired
// session counts as none. Pages redirect to the login; API calls and actions answer 401.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import type { WebUser } from '../../db/web-users-repo.ts';
import { hashSessionToken, looksLikeToken, SESSION_COOKIE } from './session-token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: WebUser | null;
  }
}

export async function loadSessionUser(app: AppContext, req: FastifyRequest): Promise<WebUser | null> {
  const token = req.cookies[SESSION_COOKIE];
  if (!looksLikeToken(token)) return null;
  const session = await app.repos.webUsers.touchSession(app.pool, hashSessionToken(token), app.config.web.sessionIdleMinutes);
  return session?.user ?? null;
}

export function requireLogin(app: AppContext) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    req.user = await loadSessionUser(app, req);
    if (req.user) return;
    if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/admin/queues/api')) {
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    }
    return reply.code(401).type('text/plain; charset=utf-8').send('未登录或登录已过期');
  };
}

export function requireAdmin() {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.user?.role === 'admin') return;
    return reply.code(403).type('text/plain; charset=utf-8').send('需要管理员权限');
  };
}

/** Only a path on this site: an attacker's `next=https://evil` or `//evil` is ignored. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}
