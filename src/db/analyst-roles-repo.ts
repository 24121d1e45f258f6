// Analyst logins: PostgreSQL roles that can log in and are members of intake_analyst (migration
// 0003), so they inherit its read-only grants and nothing else. Roles are cluster-wide.
import type { Queryable } from './pool.ts';

export type AnalystRolesRepo = {
  exists(db: Queryable, name: string): Promise<boolean>;
  /** Creates the login with a SCRAM verifier (never the cleartext password; see scram-verifier.ts). */
  createLogin(db: Queryable, name: string, scramVerifier: string): Promise<void>;
};

export function createAnalystRolesRepo(): AnalystRolesRepo {
  return {
    async exists(db, name) {
      const { rows } = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
      return rows.length > 0;
    },
    async createLogin(db, name, scramVerifier) {
      // DDL takes no bind parameters: format() quotes the name (%I) and the verifier (%L) server-side.
      const { rows } = await db.query<{ sql: string }>(
        `SELECT format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L IN ROLE intake_analyst', $1::text, $2::text) AS sql`,
        [name, scramVerifier],
      );
      await db.query(rows[0]!.sql);
    },
  };
}
