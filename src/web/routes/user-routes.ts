// 用户 and 操作记录, for administrators only (the caller registers these behind requireAdmin):
// accounts (add with a generated or given password, reset, disable/enable, role) and the audit log.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../../operations/audit.ts';
import {
  addWebUser,
  listWebUsers,
  parseRole,
  resetWebUserPassword,
  ROLE_LABELS,
  setWebUserDisabled,
  setWebUserRole,
  WebUserError,
} from '../../operations/web-users.ts';
import { redirectWith } from '../flash.ts';
import { AUDIT_LABELS } from '../views/labels.ts';

type UserBody = { name?: string; role?: string; password?: string; displayName?: string };

export async function registerUserRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  const actor = (req: { user: { name: string } | null; ip: string }): Actor => ({ name: req.user!.name, ip: req.ip });
  const act = async (reply: Parameters<typeof redirectWith>[0], fn: () => Promise<string>) => {
    try {
      return redirectWith(reply, '/users', { ok: true, text: await fn() });
    } catch (err) {
      if (!(err instanceof WebUserError)) throw err;
      return redirectWith(reply, '/users', { ok: false, text: err.message });
    }
  };

  const usersPage = async (reply: FastifyReply, notice: { ok: boolean; text: string } | null = null) => {
    const users = (await listWebUsers(app)).map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role] }));
    const roles = Object.entries(ROLE_LABELS).map(([value, text]) => ({ value, text }));
    return reply.page('users', { title: '用户', nav: 'users', users, roles, notice });
  };
  /** A generated password is shown in this response only: never put in a cookie or a URL. */
  const showSecret = async (reply: FastifyReply, fn: () => Promise<string>) => {
    try {
      return await usersPage(reply, { ok: true, text: await fn() });
    } catch (err) {
      if (!(err instanceof WebUserError)) throw err;
      return redirectWith(reply, '/users', { ok: false, text: err.message });
    }
  };

  web.get('/users', async (_req, reply) => usersPage(reply));

  web.post<{ Body: UserBody }>('/users', async (req, reply) =>
    showSecret(reply, async () => {
      const role = parseRole(String(req.body?.role ?? ''));
      if (!role) throw new WebUserError('请选择角色');
      const r = await addWebUser(app, actor(req), {
        name: String(req.body?.name ?? ''),
        role,
        password: req.body?.password || null,
        displayName: req.body?.displayName ?? null,
      });
      return r.generated ? `已添加用户 ${r.user.name}，初始密码（只显示这一次）：${r.password}` : `已添加用户 ${r.user.name}`;
    }),
  );

  web.post<{ Params: { name: string }; Body: UserBody }>('/users/:name/password', async (req, reply) =>
    showSecret(reply, async () => {
      const r = await resetWebUserPassword(app, actor(req), { name: req.params.name, password: req.body?.password || null });
      return r.generated ? `已重置 ${req.params.name} 的密码（只显示这一次）：${r.password}` : `已重置 ${req.params.name} 的密码`;
    }),
  );

  web.post<{ Params: { name: string } }>('/users/:name/disable', async (req, reply) =>
    act(reply, async () => {
      if (req.params.name === req.user!.name) throw new WebUserError('不能停用自己的账号');
      await setWebUserDisabled(app, actor(req), { name: req.params.name, disabled: true });
      return `已停用 ${req.params.name}`;
    }),
  );

  web.post<{ Params: { name: string } }>('/users/:name/enable', async (req, reply) =>
    act(reply, async () => {
      await setWebUserDisabled(app, actor(req), { name: req.params.name, disabled: false });
      return `已启用 ${req.params.name}`;
    }),
  );

  web.post<{ Params: { name: string }; Body: UserBody }>('/users/:name/role', async (req, reply) =>
    act(reply, async () => {
      const role = parseRole(String(req.body?.role ?? ''));
      if (!role) throw new WebUserError('请选择角色');
      await setWebUserRole(app, actor(req), { name: req.params.name, role });
      return `${req.params.name} 的角色已改为${ROLE_LABELS[role]}`;
    }),
  );

  web.get<{ Querystring: { page?: string } }>('/audit', async (req, reply) => {
    const page = Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1);
    const entries = await app.repos.audit.list(app.pool, { limit: 100, offset: (page - 1) * 100 });
    return reply.page('audit', {
      title: '操作记录',
      nav: 'audit',
      entries: entries.map((e) => ({ ...e, actionLabel: AUDIT_LABELS[e.action] ?? e.action, detailText: JSON.stringify(e.detail) })),
      page,
      prev: page > 1 ? `?page=${page - 1}` : null,
      next: entries.length === 100 ? `?page=${page + 1}` : null,
    });
  });
}
