// Least privilege for analysts: intake_analyst reads exactly the tables granted to it. A table a
// later migration adds (operator accounts, sessions, the reply outbox) stays unreadable unless
// that migration grants it, and the role can never write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';

const ANALYST_TABLES = ['messages', 'attachments', 'processing_events', 'submissions', 'cases', 'summary_rows'];
// Migration 0008: what docs/analyst-guide.md describes.
const ANALYST_VIEWS = [
  'analyst.application_cases',
  'analyst.application_flags',
  'analyst.application_members',
  'analyst.current_applications',
  'analyst.daily_intake',
];

describe('the analyst role', () => {
  let t: ImportEnv;

  beforeAll(async () => {
    t = await createImportEnv('analyst');
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  /** Runs sql as intake_analyst on one connection, inside a transaction that is rolled back. */
  const asAnalyst = async (sql: string) => {
    const client = await t.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE intake_analyst');
      return await client.query(sql);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  };

  it('reads the granted tables and the analyst views', async () => {
    for (const table of [...ANALYST_TABLES, ...ANALYST_VIEWS])
      await expect(asAnalyst(`SELECT count(*) FROM ${table}`)).resolves.toBeTruthy();
  });

  it('cannot read a table it was not granted, including one created after the migrations', async () => {
    await expect(asAnalyst('SELECT * FROM pgmigrations')).rejects.toThrow(/permission denied/);
    await expect(asAnalyst('SELECT * FROM mailbox_cursors')).rejects.toThrow(/permission denied/);
    // The dashboard's accounts, sessions and audit log (0009), and the cookie secret.
    for (const table of ['web_users', 'web_sessions', 'audit_log', 'service_settings', 'ack_outbox'])
      await expect(asAnalyst(`SELECT * FROM ${table}`)).rejects.toThrow(/permission denied/);
    // What a later migration adding, say, operator accounts does, run by the same owner.
    await t.sql.query('CREATE TABLE future_users (name text, password_hash text)');
    await expect(asAnalyst('SELECT * FROM future_users')).rejects.toThrow(/permission denied/);
    const { rows } = await t.sql.query(
      "SELECT table_schema || '.' || table_name AS name FROM information_schema.role_table_grants WHERE grantee = 'intake_analyst' AND privilege_type = 'SELECT' ORDER BY 1",
    );
    expect(rows.map((r) => r.name)).toEqual([...ANALYST_VIEWS, ...ANALYST_TABLES.map((n) => `public.${n}`)].sort());
  });

  it('reads applications and their history, but not who reviewed nor the reviewers’ comments', async () => {
    await expect(asAnalyst('SELECT id, unit_name, flags, review_state, reviewed_at FROM applications')).resolves.toBeTruthy();
    await expect(asAnalyst('SELECT id, kind, detail FROM application_events')).resolves.toBeTruthy();
    await expect(asAnalyst('SELECT reviewed_by FROM applications')).rejects.toThrow(/permission denied/);
    await expect(asAnalyst('SELECT review_comment FROM applications')).rejects.toThrow(/permission denied/);
    await expect(asAnalyst('SELECT actor, comment FROM application_events')).rejects.toThrow(/permission denied/);
  });

  it('cannot write', async () => {
    await expect(asAnalyst("UPDATE messages SET subject = 'x'")).rejects.toThrow(/permission denied/);
    await expect(asAnalyst('DELETE FROM submissions')).rejects.toThrow(/permission denied/);
  });
});
