// Records that side effects will hang on keep their identity and runs do not step on each other,
// on the real PostgreSQL and Redis: two runs of one message are serialized by the per-message
// lock; a submission row survives its message ceasing to be a submission and comes back as the
// same row; re-run requests collapse while one waits but never block a later one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { startIngestWorker } from '../../src/app/start-workers.ts';
import { withTransaction } from '../../src/db/pool.ts';
import { acceptRawMessage } from '../../src/ingest/accept-raw.ts';
import { ingestMessage } from '../../src/ingest/ingest-message.ts';
import { requestRerun } from '../../src/operations/request-rerun.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { QueueName } from '../../src/queue/jobs.ts';
import type { Submission } from '../../src/types.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { sampleMailboxDir } from '../helpers/paths.ts';

describe('stable identities and serialized runs', () => {
  let t: ImportEnv;
  let app: AppContext;
  let sql: pg.Pool;
  let messageId: string;

  beforeAll(async () => {
    t = await createImportEnv('ident');
    ({ app, sql } = t);
    const raw = readFileSync(resolve(sampleMailboxDir, 's01-complete-on-time.eml'));
    ({ id: messageId } = await acceptRawMessage(app, {
      raw,
      mailbox: 'import',
      uidvalidity: null,
      uid: null,
      receivedAt: null,
      source: 'import',
    }));
    await app.queues.get(QueueName.Ingest).obliterate({ force: true });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('never interleaves two runs of one message', async () => {
    await Promise.all([ingestMessage(app, { messageId, attempt: 1 }), ingestMessage(app, { messageId, attempt: 2 })]);
    const { rows } = await sql.query<{ stage: string; attempt: number }>(
      "SELECT stage, attempt FROM processing_events WHERE message_id = $1 AND stage IN ('extract', 'store_files', 'write') ORDER BY id",
      [messageId],
    );
    expect(rows.map((r) => r.stage)).toEqual(['extract', 'store_files', 'write', 'extract', 'store_files', 'write']);
    // Each run's stages are contiguous: one run finished before the other began.
    expect(new Set(rows.slice(0, 3).map((r) => r.attempt)).size).toBe(1);
    expect(new Set(rows.slice(3).map((r) => r.attempt)).size).toBe(1);
  });

  it('keeps a submission row (and its cases) when the message stops being one, and reuses it', async () => {
    const before = (await sql.query('SELECT id, version FROM submissions WHERE message_id = $1', [messageId])).rows[0];
    const caseIds = (await sql.query('SELECT c.id FROM cases c WHERE c.submission_id = $1 ORDER BY ordinal', [before.id])).rows;
    const keys = await withTransaction(app.pool, (tx) => app.repos.submissions.deactivate(tx, messageId));
    expect(keys.length).toBeGreaterThan(0);
    const inactive = (await sql.query('SELECT id, active, version FROM submissions WHERE message_id = $1', [messageId])).rows[0];
    expect(inactive).toEqual({ id: before.id, active: false, version: null });
    expect(await withTransaction(app.pool, (tx) => app.repos.submissions.findByUnitKeys(tx, keys))).toEqual([]);

    // A later run judges it a submission again: the same row, the same case rows.
    await ingestMessage(app, { messageId, attempt: 3 });
    expect((await sql.query('SELECT id, active, version FROM submissions WHERE message_id = $1', [messageId])).rows[0]).toEqual({
      id: before.id,
      active: true,
      version: 1,
    });
    expect((await sql.query('SELECT c.id FROM cases c WHERE c.submission_id = $1 ORDER BY ordinal', [before.id])).rows).toEqual(caseIds);
  });

  it('updates cases in place by ordinal and drops only the ones past the new count', async () => {
    const sub = (await sql.query('SELECT id, extraction FROM submissions WHERE message_id = $1', [messageId])).rows[0];
    const extraction = sub.extraction as Submission;
    const first = (await sql.query('SELECT id FROM cases WHERE submission_id = $1 AND ordinal = 1', [sub.id])).rows[0];
    const write = (cases: Submission['cases']) =>
      withTransaction(app.pool, (tx) =>
        app.repos.submissions.upsert(tx, {
          messageId,
          receivedAt: null,
          late: false,
          submission: { ...extraction, cases },
          flags: [],
          externalLinks: [],
          unitKeys: [],
        }),
      );
    const one = extraction.cases![0]!;
    expect(await write([one, { ...one, case_name: '第二个案例' }])).toEqual({ id: sub.id, inserted: false });
    expect(
      (await sql.query('SELECT id, ordinal FROM cases WHERE submission_id = $1 ORDER BY ordinal', [sub.id])).rows.map((r) => r.ordinal),
    ).toEqual([1, 2]);
    await write([{ ...one, case_name: '改名后的案例' }]);
    const rows = (await sql.query('SELECT id, case_name FROM cases WHERE submission_id = $1', [sub.id])).rows;
    expect(rows).toEqual([{ id: first.id, case_name: '改名后的案例' }]);
  });

  it('collapses re-run requests while one waits, and does not block a later one', async () => {
    const queue = app.queues.get(QueueName.Ingest);
    await requestRerun(app, { messageIds: [messageId], reason: 'rejudge', requestedBy: 'test' });
    await requestRerun(app, { messageIds: [messageId], reason: 'reprocess', requestedBy: 'test' });
    expect(await queue.getWaitingCount()).toBe(1);
    expect((await app.repos.messages.findById(messageId))?.status).toBe('queued');

    const worker = startIngestWorker(app, { concurrency: 1 });
    try {
      await waitForRuns(app, [messageId], { timeoutMs: 60_000 });
      const since = await requestRerun(app, { messageIds: [messageId], reason: 'reprocess', requestedBy: 'test' });
      const outcome = await waitForRuns(app, [messageId], { timeoutMs: 60_000, since });
      expect(outcome.get(messageId)).toBe('ok');
      expect(await queue.getCompletedCount()).toBe(2);
    } finally {
      await worker.close();
    }
  });
});
