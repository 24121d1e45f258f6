// The operators' CLI until the dashboard exists, run as an operator would (the real `intake`
// binary against the real PostgreSQL and Redis): applications listed and reviewed, replies
// listed, a suppressed reply refused for resend, a reply that is not held refused for release.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';

const run = promisify(execFile);

describe('intake applications / intake acks', () => {
  let t: ImportEnv;
  const intake = (...args: string[]) =>
    run('node', [resolve(projectRoot, 'bin/intake.js'), ...args], { env: { ...process.env, ...t.env }, cwd: projectRoot }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
  const rows = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));

  beforeAll(async () => {
    t = await createImportEnv('opcli', { ACK_MODE: 'dry-run' });
    const imported = await intake('import', '--work', sampleMailboxDir);
    expect(imported.code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('lists the applications and records a review with who and a comment', async () => {
    const list = await intake('applications', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toBe('id\treview\tcomplete\temails\tunit\tflags');
    const apps = rows(list.stdout);
    expect(apps).toHaveLength(3); // three units sent submissions in the sample mailbox
    const id = apps[0]![0]!;
    const reviewed = await intake('applications', 'review', id, '退回补充', '--by', 'alice', '--comment', '请补充附件2');
    expect(reviewed.code).toBe(0);
    const row = (await t.sql.query('SELECT review_state, reviewed_by, review_comment FROM applications WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ review_state: '退回补充', reviewed_by: 'alice', review_comment: '请补充附件2' });
    expect((await intake('applications', 'review', id, '随便')).code).toBe(2);
  }, 120_000);

  it('lists the replies, and refuses what an operator must not do', async () => {
    const list = await intake('acks', 'list');
    expect(list.code).toBe(0);
    const acks = rows(list.stdout);
    expect(acks.map((r) => r[3]).sort()).toEqual(['dry_run', 'dry_run', 'dry_run', 'suppressed', 'suppressed']);
    const suppressed = acks.find((r) => r[3] === 'suppressed')!;
    const resend = await intake('acks', 'resend', suppressed[0]!);
    expect(resend.code).toBe(1);
    expect(resend.stderr).toMatch(/suppressed/);
    const release = await intake('acks', 'release', acks.find((r) => r[3] === 'dry_run')![0]!);
    expect(release.code).toBe(1);
    expect(release.stdout).toMatch(/not held/);
    expect((await intake('acks', 'bogus')).code).toBe(2);
  }, 120_000);
});
