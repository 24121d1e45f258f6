// `intake reprocess`: an operator re-runs messages that failed for good. Runs the real CLI against
// the real PostgreSQL and Redis; the re-run replaces the record in place and adds nothing.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';
import { clearRedisPrefix, createTestDatabase, redisUrl, tempDir, uniqueId, type TestDatabase } from '../helpers/services.ts';

const run = promisify(execFile);

describe('intake reprocess', () => {
  const id = uniqueId('reproc');
  let db: TestDatabase;
  let storage: ReturnType<typeof tempDir>;
  let sql: pg.Pool;
  let env: NodeJS.ProcessEnv;
  const intake = (...args: string[]) => run('node', [resolve(projectRoot, 'bin/intake.js'), ...args], { env, cwd: projectRoot });
  const count = async (table: string) => Number((await sql.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase(id);
    storage = tempDir(`intake-${id}`);
    env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: redisUrl(), QUEUE_PREFIX: id, STORAGE_DIR: storage.path, LOG_LEVEL: 'warn' };
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
  });

  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await clearRedisPrefix(id).catch(() => undefined);
    await db?.drop().catch(() => undefined);
    storage?.remove();
  });

  it('re-runs failed messages in place, and refuses bad arguments', async () => {
    await intake('import', '--work', resolve(sampleMailboxDir, 's01-complete-on-time.eml'));
    const before = { messages: await count('messages'), attachments: await count('attachments'), submissions: await count('submissions') };
    expect(before.messages).toBe(1);
    expect(before.submissions).toBe(1);

    // As if every retry had failed (e.g. the store was unreachable for longer than the backoff).
    await sql.query("UPDATE messages SET status = 'failed', last_error = 'simulated outage'");
    const { stdout } = await intake('reprocess', '--failed', '--work');
    expect(stdout).toContain('queued 1 message(s)');
    expect(stdout).toContain('processed 1 message(s), 0 failed');

    const row = (await sql.query('SELECT status FROM messages')).rows[0];
    expect(row.status).toBe('parsed');
    expect({ messages: await count('messages'), attachments: await count('attachments'), submissions: await count('submissions') }).toEqual(before);

    await expect(intake('reprocess')).rejects.toMatchObject({ code: 2 });
    await expect(intake('reprocess', 'abc')).rejects.toMatchObject({ code: 2 });
  }, 120_000);
});
