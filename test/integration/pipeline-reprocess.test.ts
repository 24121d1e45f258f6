// `intake reprocess`: an operator re-runs messages that failed for good. Runs the real CLI against
// the real PostgreSQL and Redis; the re-run replaces the record in place and adds nothing.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';

const run = promisify(execFile);

describe('intake reprocess', () => {
  let t: ImportEnv;
  const intake = (...args: string[]) => run('node', [resolve(projectRoot, 'bin/intake.js'), ...args], { env: { ...process.env, ...t.env }, cwd: projectRoot });
  const count = async (table: string) => Number((await t.sql.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    t = await createImportEnv('reproc');
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('re-runs failed messages in place, and refuses bad arguments', async () => {
    await intake('import', '--work', resolve(sampleMailboxDir, 's01-complete-on-time.eml'));
    const before = { messages: await count('messages'), attachments: await count('attachments'), submissions: await count('submissions') };
    expect(before.messages).toBe(1);
    expect(before.submissions).toBe(1);

    // As if every retry had failed (e.g. the store was unreachable for longer than the backoff).
    await t.sql.query("UPDATE messages SET status = 'failed', last_error = 'simulated outage'");
    const { stdout } = await intake('reprocess', '--failed', '--work');
    expect(stdout).toContain('queued 1 message(s)');
    expect(stdout).toContain('processed 1 message(s), 0 failed');

    const row = (await t.sql.query('SELECT status FROM messages')).rows[0];
    expect(row.status).toBe('parsed');
    expect({ messages: await count('messages'), attachments: await count('attachments'), submissions: await count('submissions') }).toEqual(before);

    await expect(intake('reprocess')).rejects.toMatchObject({ code: 2 });
    await expect(intake('reprocess', 'abc')).rejects.toMatchObject({ code: 2 });
  }, 120_000);
});
