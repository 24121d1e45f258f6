// The dashboard's accounts: created with `intake user add NAME` or by an administrator in the
// dashboard; roles 管理员 (admin: also manages accounts) and 审核员 (reviewer). Passwords are
// generated when not given and shown once; only their scrypt hash is stored.
import type { AppContext } from '../app/context.ts';
import { generatePassword } from '../analysts/analyst-login.ts';
import { withTransaction } from '../db/pool.ts';
import type { WebRole, WebUser } from '../db/web-users-repo.ts';
import { hashPassword, WEB_USER_NAME, webPasswordProblem } from '../web/auth/password-hash.ts';
import { recordAudit, type Actor } from './audit.ts';

/** A request the operator can fix; the message is shown as is (Chinese, for the dashboard and CLI). */
export class WebUserError extends Error {}

export const ROLE_LABELS: Record<WebRole, string> = { admin: '管理员', reviewer: '审核员' };

export function parseRole(value: string): WebRole | null {
  const v = value.trim();
  if (v === 'admin' || v === ROLE_LABELS.admin) return 'admin';
  if (v === 'reviewer' || v === ROLE_LABELS.reviewer) return 'reviewer';
  return null;
}

function checkName(name: string): string {
  const n = name.trim();
  if (!WEB_USER_NAME.test(n)) throw new WebUserError(`用户名“${n}”无效：2–32 个字母、数字或 _ . -`);
  return n;
}

function checkPassword(password: string): void {
  const problem = webPasswordProblem(password);
  if (problem) throw new WebUserError(problem);
}

export async function addWebUser(
  app: AppContext,
  actor: Actor,
  req: { name: string; role: WebRole; password?: string | null; displayName?: string | null },
): Promise<{ user: WebUser; password: string; generated: boolean }> {
  const name = checkName(req.name);
  const generated = !req.password;
  const password = req.password || generatePassword();
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  const user = await withTransaction(app.pool, async (tx) => {
    const created = await app.repos.webUsers.insert(tx, {
      name,
      displayName: req.displayName?.trim() || null,
      role: req.role,
      passwordHash,
      createdBy: actor.name,
    });
    if (!created) throw new WebUserError(`用户“${name}”已存在`);
    await recordAudit(app, actor, { action: 'user.add', target: `user:${name}`, detail: { role: req.role } }, tx);
    return created;
  });
  app.logger.info({ user: name, role: req.role, by: actor.name, generatedPassword: generated }, 'dashboard user created');
  return { user, password, generated };
}

export function listWebUsers(app: AppContext): Promise<WebUser[]> {
  return app.repos.webUsers.list(app.pool);
}

/** Sets a new password (generated when none is given) and ends the user's sessions. */
export async function resetWebUserPassword(
  app: AppContext,
  actor: Actor,
  req: { name: string; password?: string | null },
): Promise<{ password: string; generated: boolean }> {
  const name = checkName(req.name);
  const generated = !req.password;
  const password = req.password || generatePassword();
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await withTransaction(app.pool, async (tx) => {
    if (!(await app.repos.webUsers.setPassword(tx, name, passwordHash))) throw new WebUserError(`没有用户“${name}”`);
    await app.repos.webUsers.deleteSessionsOf(tx, name);
    await recordAudit(app, actor, { action: 'user.password', target: `user:${name}` }, tx);
  });
  return { password, generated };
}

/** Disables or re-enables an account; disabling ends its sessions. The last enabled admin stays. */
export async function setWebUserDisabled(app: AppContext, actor: Actor, req: { name: string; disabled: boolean }): Promise<void> {
  const name = checkName(req.name);
  await withTransaction(app.pool, async (tx) => {
    // Serializes account changes so two admins cannot disable each other at once.
    await app.repos.webUsers.lockAccounts(tx);
    const user = await app.repos.webUsers.findByName(tx, name);
    if (!user) throw new WebUserError(`没有用户“${name}”`);
    if (req.disabled && user.role === 'admin' && !user.disabled && (await app.repos.webUsers.countActiveAdmins(tx)) <= 1) {
      throw new WebUserError('不能停用最后一个管理员');
    }
    await app.repos.webUsers.setDisabled(tx, name, req.disabled);
    if (req.disabled) await app.repos.webUsers.deleteSessionsOf(tx, name);
    await recordAudit(app, actor, { action: req.disabled ? 'user.disable' : 'user.enable', target: `user:${name}` }, tx);
  });
}

export async function setWebUserRole(app: AppContext, actor: Actor, req: { name: string; role: WebRole }): Promise<void> {
  const name = checkName(req.name);
  await withTransaction(app.pool, async (tx) => {
    await app.repos.webUsers.lockAccounts(tx);
    const user = await app.repos.webUsers.findByName(tx, name);
    if (!user) throw new WebUserError(`没有用户“${name}”`);
    if (user.role === 'admin' && req.role !== 'admin' && !user.disabled && (await app.repos.webUsers.countActiveAdmins(tx)) <= 1) {
      throw new WebUserError('不能取消最后一个管理员的管理员角色');
    }
    await app.repos.webUsers.setRole(tx, name, req.role);
    await recordAudit(app, actor, { action: 'user.role', target: `user:${name}`, detail: { from: user.role, to: req.role } }, tx);
  });
}
