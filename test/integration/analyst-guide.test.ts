// docs/analyst-guide.md stays true: the dev corpus and the dev applications set go through the
// pipeline, `intake analyst add` (the real CLI) creates a login, and every ```sql block of the
// guide runs as written on that login's own connection and returns rows. The login reads the
// analyst views in Beijing time, cannot write, and cannot read the acknowledgement outbox; the
// password verifier it was given is the one PostgreSQL itself computes.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scramVerifier } from '../../src/analysts/scram-verifier.ts';
import { startIngestWorker } from '../../src/app/start-workers.ts';
import { importMail } from '../../src/ingest/import-mail.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { corpusDir, hasCorpus, projectRoot } from '../helpers/paths.ts';

const guide = readFileSync(resolve(projectRoot, 'docs/analyst-guide.md'), 'utf8');
const queries = [...guide.matchAll(/^```sql\n([\s\S]*?)^```/gm)].map((m) => m[1]);

/** `intake analyst add …` with the test's environment; stdin is closed unless a password is given. */
function analystAdd(env: Record<string, string>, args: string[], stdin?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const child = execFile(
      'node',
      [resolve(projectRoot, 'bin/intake.js'), 'analyst', 'add', ...args],
      { env: { ...process.env, ...env }, cwd: projectRoot },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

const shanghaiWallClock = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

describe.skipIf(!hasCorpus)('the analyst guide, run as an analyst login', () => {
  let t: ImportEnv;
  let analyst: pg.Pool;
  const login = `guide_${Date.now().toString(36)}`;
  const roles = [login, `${login}_pw`, `${login}_pg`];

  beforeAll(async () => {
    t = await createImportEnv('guide', { WORKER_CONCURRENCY: '4' });
    const imported = await importMail(t.app, [corpusDir, resolve(corpusDir, 'applications')]);
    const worker = startIngestWorker(t.app);
    try {
      await waitForRuns(
        t.app,
        imported.map((m) => m.id),
        { timeoutMs: 280_000 },
      );
    } finally {
      await worker.close();
    }
  }, 300_000);

  afterAll(async () => {
    await analyst?.end().catch(() => undefined);
    // Roles are cluster-wide: they outlive the test database unless dropped.
    for (const r of roles) await t?.sql.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(r)}`).catch(() => undefined);
    await t?.cleanup();
  });

  it('`intake analyst add` creates a login and prints its generated password once', async () => {
    const r = await analystAdd(t.env, [login]);
    expect(r.code, r.stderr).toBe(0);
    const password = /^password \(shown once, hand it over now\): (\S+)$/m.exec(r.stdout)?.[1];
    expect(password).toHaveLength(24);
    expect(r.stderr).not.toContain(password!);
    const { rows } = await t.sql.query(
      `SELECT r.rolcanlogin, r.rolsuper, array(SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid
         WHERE m.member = r.oid)::text[] AS member_of FROM pg_roles r WHERE r.rolname = $1`,
      [login],
    );
    expect(rows[0]).toEqual({ rolcanlogin: true, rolsuper: false, member_of: ['intake_analyst'] });
    const url = new URL(t.env.DATABASE_URL);
    url.username = login;
    url.password = password!;
    analyst = new pg.Pool({ connectionString: url.toString(), max: 2 });

    expect((await analystAdd(t.env, [login])).stderr).toMatch(/exists already/);
    const bad = await analystAdd(t.env, ['Robert"); DROP TABLE messages; --']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a valid login name/);
  }, 60_000);

  it('has ten example queries, and each returns rows as written', async () => {
    expect(queries).toHaveLength(10);
    for (const [i, sql] of queries.entries()) {
      const { rows } = await analyst.query(sql);
      expect(rows.length, `example ${i + 1}:\n${sql}`).toBeGreaterThan(0);
    }
  });

  it('shows times in Beijing time, the session default too', async () => {
    expect((await analyst.query('SHOW timezone')).rows[0].TimeZone).toBe('Asia/Shanghai');
    const { rows } = await analyst.query<{ id: string; at: string }>(
      'SELECT "邮件编号"::text AS id, "收到时间"::text AS at FROM analyst.application_members',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const m = await t.sql.query<{ received_at: Date }>('SELECT received_at FROM messages WHERE id = $1', [r.id]);
      expect(r.at, r.id).toBe(shanghaiWallClock(m.rows[0].received_at));
    }
  });

  it('cannot write, cannot read the reply outbox nor the reviewers’ names', async () => {
    await expect(analyst.query('UPDATE analyst.current_applications SET "审核状态" = \'已通过\'')).rejects.toThrow(/permission denied/);
    await expect(analyst.query("UPDATE applications SET review_state = '已通过'")).rejects.toThrow(/permission denied/);
    await expect(analyst.query('DELETE FROM messages')).rejects.toThrow(/permission denied/);
    await expect(analyst.query('CREATE TABLE analyst.mine (x int)')).rejects.toThrow(/permission denied/);
    await expect(analyst.query('CREATE TABLE public.mine (x int)')).rejects.toThrow(/permission denied/);
    await expect(analyst.query('SELECT count(*) FROM ack_outbox')).rejects.toThrow(/permission denied/);
    await expect(analyst.query('SELECT reviewed_by FROM applications')).rejects.toThrow(/permission denied/);
  });

  it('stores a given password as the verifier PostgreSQL itself would compute', async () => {
    const password = 'Correct-Horse-Battery-42';
    const r = await analystAdd(t.env, [roles[1], '--password-stdin'], `${password}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(password);
    // The server's own hashing of the same password, for comparison with our salt and iterations.
    await t.sql.query(`SET password_encryption = 'scram-sha-256'`);
    await t.sql.query(`CREATE ROLE ${pg.escapeIdentifier(roles[2])} PASSWORD ${pg.escapeLiteral(password)}`);
    const stored = await t.sql.query<{ rolname: string; rolpassword: string }>(
      'SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY($1)',
      [roles.slice(1)],
    );
    for (const { rolname, rolpassword } of stored.rows) {
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(rolpassword)!;
      expect(scramVerifier(password, Buffer.from(salt, 'base64'), Number(iterations)), rolname).toBe(rolpassword);
    }
    expect(stored.rows).toHaveLength(2);
  });
});
