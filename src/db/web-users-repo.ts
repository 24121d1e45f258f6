// web_users and web_sessions: the dashboard's accounts and their login sessions. Sessions are
// looked up by the SHA-256 of the cookie's token; expiry slides with use (idle timeout).
import type { Queryable } from './pool.ts';

export type WebRole = 'admin' | 'reviewer';

export type WebUser = {
  id: string;
  name: string;
  displayName: string | null;
  role: WebRole;
  disabled: boolean;
  createdBy: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
};

export type WebUserWithHash = WebUser & { passwordHash: string };

export type WebSession = { user: WebUser; createdAt: Date; expiresAt: Date };

const USER_COLUMNS = `u.id::text AS id, u.name, u.display_name AS "displayName", u.role, u.disabled, u.created_by AS "createdBy",
  u.created_at AS "createdAt", u.last_login_at AS "lastLoginAt"`;

export type WebUsersRepo = {
  /** Inserts the user; returns null when the name is taken. */
  insert(
    db: Queryable,
    u: { name: string; displayName: string | null; role: WebRole; passwordHash: string; createdBy: string },
  ): Promise<WebUser | null>;
  findByName(db: Queryable, name: string): Promise<WebUserWithHash | null>;
  list(db: Queryable): Promise<WebUser[]>;
  setPassword(db: Queryable, name: string, passwordHash: string): Promise<boolean>;
  setRole(db: Queryable, name: string, role: WebRole): Promise<boolean>;
  setDisabled(db: Queryable, name: string, disabled: boolean): Promise<boolean>;
  countActiveAdmins(db: Queryable): Promise<number>;
  /** Until the transaction ends: no other account change (the last-admin rule holds under concurrency). */
  lockAccounts(db: Queryable): Promise<void>;
  markLogin(db: Queryable, userId: string): Promise<void>;
  createSession(
    db: Queryable,
    s: { tokenHash: Buffer; userId: string; idleMinutes: number; clientIp: string | null; userAgent: string | null },
  ): Promise<void>;
  /** The session's user if the session is live and the user enabled; slides the expiry. */
  touchSession(db: Queryable, tokenHash: Buffer, idleMinutes: number): Promise<WebSession | null>;
  deleteSession(db: Queryable, tokenHash: Buffer): Promise<void>;
  /** Ends every session of a user (password change, disabled). */
  deleteSessionsOf(db: Queryable, name: string): Promise<number>;
  deleteExpiredSessions(db: Queryable): Promise<number>;
};

export function createWebUsersRepo(): WebUsersRepo {
  return {
    async insert(db, u) {
      const { rows } = await db.query<WebUser>(
        `INSERT INTO web_users AS u (name, display_name, role, password_hash, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [u.name, u.displayName, u.role, u.passwordHash, u.createdBy],
      );
      return rows[0] ?? null;
    },

    async findByName(db, name) {
      const { rows } = await db.query<WebUserWithHash>(
        `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM web_users u WHERE u.name = $1`,
        [name],
      );
      return rows[0] ?? null;
    },

    async list(db) {
      const { rows } = await db.query<WebUser>(`SELECT ${USER_COLUMNS} FROM web_users u ORDER BY u.name`);
      return rows;
    },

    async setPassword(db, name, passwordHash) {
      const r = await db.query('UPDATE web_users SET password_hash = $2, updated_at = now() WHERE name = $1', [name, passwordHash]);
      return r.rowCount === 1;
    },

    async setRole(db, name, role) {
      const r = await db.query('UPDATE web_users SET role = $2, updated_at = now() WHERE name = $1', [name, role]);
      return r.rowCount === 1;
    },

    async setDisabled(db, name, disabled) {
      const r = await db.query('UPDATE web_users SET disabled = $2, updated_at = now() WHERE name = $1', [name, disabled]);
      return r.rowCount === 1;
    },

    async countActiveAdmins(db) {
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM web_users WHERE role = 'admin' AND NOT disabled");
      return rows[0]!.n;
    },

    async lockAccounts(db) {
      await db.query('LOCK TABLE web_users IN SHARE ROW EXCLUSIVE MODE');
    },

    async markLogin(db, userId) {
      await db.query('UPDATE web_users SET last_login_at = now() WHERE id = $1', [userId]);
    },

    async createSession(db, s) {
      await db.query(
        `INSERT INTO web_sessions (token_hash, user_id, expires_at, client_ip, user_agent)
         VALUES ($1, $2, now() + make_interval(mins => $3), $4, $5)`,
        [s.tokenHash, s.userId, s.idleMinutes, s.clientIp, s.userAgent?.slice(0, 300) ?? null],
      );
    },

    async touchSession(db, tokenHash, idleMinutes) {
      const { rows } = await db.query<WebUser & { sessionCreatedAt: Date; expiresAt: Date }>(
        `UPDATE web_sessions s SET last_seen_at = now(), expires_at = now() + make_interval(mins => $2)
         FROM web_users u
         WHERE s.token_hash = $1 AND s.expires_at > now() AND u.id = s.user_id AND NOT u.disabled
         RETURNING ${USER_COLUMNS}, s.created_at AS "sessionCreatedAt", s.expires_at AS "expiresAt"`,
        [tokenHash, idleMinutes],
      );
      const r = rows[0];
      if (!r) return null;
      const { sessionCreatedAt, expiresAt, ...user } = r;
      return { user, createdAt: sessionCreatedAt, expiresAt };
    },

    async deleteSession(db, tokenHash) {
      await db.query('DELETE FROM web_sessions WHERE token_hash = $1', [tokenHash]);
    },

    async deleteSessionsOf(db, name) {
      const r = await db.query('DELETE FROM web_sessions s USING web_users u WHERE u.id = s.user_id AND u.name = $1', [name]);
      return r.rowCount ?? 0;
    },

    async deleteExpiredSessions(db) {
      const r = await db.query('DELETE FROM web_sessions WHERE expires_at <= now()');
      return r.rowCount ?? 0;
    },
  };
}
