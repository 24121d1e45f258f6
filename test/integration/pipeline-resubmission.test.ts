// Versions of a unit arriving out of order: the bureau imports an old export after the live
// mailbox, or workers run concurrently. Whatever the processing order, the version judged
// later in receipt time ends up with RESUBMISSION and supersedes the earlier one.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { acceptRawMessage } from '../../src/ingest/accept-raw.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { mailSets } from '../helpers/mail-sets.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';

const sets = mailSets().filter((s) => s.items.some((i) => i.expected.flags.includes('RESUBMISSION')));

describe.skipIf(sets.length === 0)('resubmissions processed newest first', () => {
  let t: ImportEnv;
  let app: AppContext;
  let sql: pg.Pool;
  let worker: RunningWorker | null = null;

  beforeAll(async () => {
    t = await createImportEnv('resub');
    ({ app, sql } = t);
  });

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await t?.cleanup();
  });

  for (const set of sets) {
    it(`${set.name}: every expected RESUBMISSION is raised after re-judging`, async () => {
      // Only submissions take part in versions; accept them newest first, one worker, strictly in that order.
      const items = set.items
        .filter((i) => i.expected.is_submission)
        .sort((a, b) => Date.parse(b.expected.received_at) - Date.parse(a.expected.received_at));
      const accepted: { messageId: string; expectResubmission: boolean; file: string }[] = [];
      for (const item of items) {
        const { id: messageId } = await acceptRawMessage(app, {
          raw: item.raw,
          mailbox: 'import',
          uidvalidity: null,
          uid: null,
          receivedAt: new Date(item.expected.received_at),
          source: 'import',
        });
        accepted.push({ messageId, expectResubmission: item.expected.flags.includes('RESUBMISSION'), file: item.file });
      }
      worker = startIngestWorker(app, { concurrency: 1 });
      await waitForRuns(
        app,
        accepted.map((a) => a.messageId),
        { timeoutMs: 280_000 },
      );
      for (const a of accepted) {
        const { rows } = await sql.query('SELECT version, supersedes, flags FROM submissions WHERE message_id = $1', [a.messageId]);
        expect(rows, a.file).toHaveLength(1);
        expect((rows[0].flags as string[]).includes('RESUBMISSION'), `${a.file}: RESUBMISSION`).toBe(a.expectResubmission);
        expect(rows[0].version > 1, `${a.file}: version`).toBe(a.expectResubmission);
        const output = (await sql.query('SELECT extract_output FROM messages WHERE id = $1', [a.messageId])).rows[0].extract_output;
        expect(output.flags.includes('RESUBMISSION'), `${a.file}: stored output`).toBe(a.expectResubmission);
        if (a.expectResubmission) {
          // Judged first without its predecessor (FIFO, one worker), then re-judged once it arrived.
          const writes = await sql.query(
            "SELECT count(*) AS n FROM processing_events WHERE message_id = $1 AND stage = 'write' AND status = 'ok'",
            [a.messageId],
          );
          expect(Number(writes.rows[0].n), `${a.file}: re-judged`).toBeGreaterThanOrEqual(2);
          // Its version moved from 1 when the earlier one arrived: recorded, never silent.
          const moved = await sql.query("SELECT detail FROM processing_events WHERE message_id = $1 AND stage = 'version'", [a.messageId]);
          expect(
            moved.rows.map((r) => r.detail.from),
            `${a.file}: version event`,
          ).toContain(1);
        }
      }
      await worker.close();
      worker = null;
    });
  }
});
