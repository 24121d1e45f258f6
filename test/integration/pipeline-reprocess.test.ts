// `intake reprocess`: an operator re-runs recorded messages. Runs the real CLI against the real
// PostgreSQL and Redis. A re-run that really fails (the raw message is gone from the store) is
// counted as failed and exits non-zero, even for a message parsed before; its earlier record
// stays. Once the cause is repaired, `--failed` re-runs it in place: same rows, same ids.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';

const run = promisify(execFile);

describe('intake reprocess', () => {
  let t: ImportEnv;
  const intake = (...args: string[]) =>
    run('node', [resolve(projectRoot, 'bin/intake.js'), ...args], { env: { ...process.env, ...t.env }, cwd: projectRoot });
  const count = async (table: string) => Number((await t.sql.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const ids = async () => ({
    messages: (await t.sql.query('SELECT id FROM messages ORDER BY id')).rows,
    submissions: (await t.sql.query('SELECT id, active FROM submissions ORDER BY id')).rows,
    cases: (await t.sql.query('SELECT id, ordinal FROM cases ORDER BY id')).rows,
    summaryRows: (await t.sql.query('SELECT id, ordinal FROM summary_rows ORDER BY id')).rows,
    attachments: await count('attachments'),
  });
  const message = async () =>
    (await t.sql.query('SELECT status, last_run, parsed_at, last_error, raw_sha256 FROM messages')).rows[0] as {
      status: string;
      last_run: string | null;
      parsed_at: Date | null;
      last_error: string | null;
      raw_sha256: string;
    };

  beforeAll(async () => {
    t = await createImportEnv('reproc');
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('counts a failed re-run of a parsed message as failed, then re-runs it in place', async () => {
    const file = resolve(sampleMailboxDir, 's01-complete-on-time.eml');
    await intake('import', '--work', file);
    const before = await ids();
    expect(before.messages).toHaveLength(1);
    expect(before.submissions).toEqual([expect.objectContaining({ active: true })]);
    expect(before.cases.length).toBeGreaterThan(0);
    const parsed = await message();
    expect(parsed).toMatchObject({ status: 'done', last_run: 'ok', last_error: null });

    // A real failure: the raw message vanished from the store (a disk restored from an old backup).
    rmSync(t.app.store.pathOf(parsed.raw_sha256));
    const failedRun = await intake('reprocess', '--all', '--work').then(
      () => {
        throw new Error('reprocess exited 0 although its run failed');
      },
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failedRun.code).toBe(1);
    expect(failedRun.stdout).toContain('processed 1 message(s), 1 failed');
    const failed = await message();
    expect(failed).toMatchObject({ status: 'done', last_run: 'failed' });
    expect(failed.last_error).toMatch(/not in the store/);
    // The extraction committed by the first run is still there, and so are its rows.
    expect(failed.parsed_at).toEqual(parsed.parsed_at);
    expect(await ids()).toEqual(before);
    // The operator's query for failures finds it.
    expect((await t.sql.query("SELECT count(*) AS n FROM messages WHERE last_run = 'failed'")).rows[0].n).toBe('1');

    // Repaired: the raw is back. --failed picks it up and re-runs it in place.
    await t.app.store.put(readFileSync(file));
    const { stdout } = await intake('reprocess', '--failed', '--work');
    expect(stdout).toContain('queued 1 message(s)');
    expect(stdout).toContain('processed 1 message(s), 0 failed');
    expect(await message()).toMatchObject({ status: 'done', last_run: 'ok', last_error: null });
    expect(await ids()).toEqual(before);

    await expect(intake('reprocess')).rejects.toMatchObject({ code: 2 });
    await expect(intake('reprocess', 'abc')).rejects.toMatchObject({ code: 2 });
  }, 180_000);
});
