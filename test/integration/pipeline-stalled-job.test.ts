// A worker killed mid-job (OOM, SIGKILL) must not leave its message 'processing' forever. On the
// real Redis and PostgreSQL: a worker takes a job, marks the row processing and dies (its lock is
// never renewed); a live worker's stalled-job check fails the job without running it, and its
// 'failed' handler marks the row failed. `intake reprocess --failed` then re-runs it, together with
// a row left 'processing' for longer than a job's lock, and not a row that is merely in progress.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { acceptRawMessage } from '../../src/ingest/accept-raw.ts';
import { QueueName } from '../../src/queue/jobs.ts';
import { startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';
import { waitFor } from '../helpers/services.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';

const run = promisify(execFile);
const sample = (name: string) => readFileSync(resolve(sampleMailboxDir, name));

describe('a job whose worker died mid-run', () => {
  let t: ImportEnv;
  let app: AppContext;
  let sql: pg.Pool;
  let doomed: Worker | null = null;
  let live: RunningWorker | null = null;

  beforeAll(async () => {
    t = await createImportEnv('stall');
    ({ app, sql } = t);
  });

  afterAll(async () => {
    await doomed?.close(true).catch(() => undefined);
    await live?.close().catch(() => undefined);
    await t?.cleanup();
  });

  const status = async (messageId: string) =>
    (
      await sql.query<{ status: string; last_run: string | null; last_error: string | null }>(
        'SELECT status, last_run, last_error FROM messages WHERE id = $1',
        [messageId],
      )
    ).rows[0]!;

  it('ends failed, and reprocess --failed re-runs it and stale in-progress rows', async () => {
    // The worker that "dies": it marks the row processing, never finishes, and never renews its lock.
    doomed = new Worker(
      QueueName.Ingest,
      async (job) => {
        await app.repos.messages.markProcessing(String(job.data.messageId), 1);
        await new Promise(() => undefined);
      },
      { connection: app.redis, prefix: t.id, lockDuration: 1_000, skipLockRenewal: true, skipStalledCheck: true },
    );
    const { id: stalledId } = await acceptRawMessage(app, {
      raw: sample('s01-complete-on-time.eml'),
      mailbox: 'import',
      uidvalidity: null,
      uid: null,
      receivedAt: null,
      source: 'import',
    });
    await waitFor(
      async () => ((await status(stalledId)).status === 'processing' ? true : undefined),
      30_000,
      'the doomed worker to take the job',
    );
    await doomed.close(true);
    doomed = null;

    // A live worker with the production wiring; maxStalledCount 0 so the first stall is the last.
    live = startIngestWorker(app, { concurrency: 1, lockDuration: 1_000, stalledInterval: 300, maxStalledCount: 0 });
    const failed = await waitFor(
      async () => {
        const row = await status(stalledId);
        return row.status === 'done' && row.last_run === 'failed' ? row : undefined;
      },
      60_000,
      'the stalled job to mark its message failed',
    );
    expect(failed.last_error).toMatch(/stalled more than allowable limit/);
    // The event is written right after the row; wait for it rather than race it.
    const events = await waitFor(
      async () => {
        const list = (await app.repos.events.list(stalledId)).filter((e) => e.stage === 'ingest' && e.status === 'failed');
        return list.length > 0 ? list : undefined;
      },
      10_000,
      'the failure event',
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toMatchObject({ reason: 'stalled' });
    await live.close();
    live = null;

    // Rows whose job was lost some other way: one untouched for an hour, one being worked on now.
    const addRow = async (name: string, age: string) => {
      const blob = await app.store.put(sample(name));
      const { row } = await app.repos.messages.insertOrFind({
        source: 'import',
        mailbox: 'import',
        uidvalidity: null,
        uid: null,
        receivedAt: null,
        rawSha256: blob.sha256,
        rawSize: blob.size,
        rawLocation: blob.location,
      });
      await sql.query(`UPDATE messages SET status = 'processing', updated_at = now() - $2::interval WHERE id = $1`, [row.id, age]);
      return row.id;
    };
    const staleId = await addRow('s02-late-utc-received.eml', '1 hour');
    const busyId = await addRow('s03-question.eml', '0 seconds');

    const env = { ...process.env, ...t.env };
    const { stdout } = await run('node', [resolve(projectRoot, 'bin/intake.js'), 'reprocess', '--failed', '--work'], {
      env,
      cwd: projectRoot,
    });
    expect(stdout).toContain('queued 2 message(s)');
    expect(stdout).toContain('processed 2 message(s), 0 failed');
    expect(await status(stalledId)).toMatchObject({ status: 'done', last_run: 'ok', last_error: null });
    expect(await status(staleId)).toMatchObject({ status: 'done', last_run: 'ok' });
    expect((await status(busyId)).status).toBe('processing');
  }, 180_000);
});
