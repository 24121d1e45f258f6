// `intake import` end to end on the machine's real PostgreSQL and Redis: every email of each mail
// set (the project's sample mailbox always, ../shared/corpus when present) becomes exactly one
// parsed message row with its attachments' names decoded, the raw and every file in the blob
// store, and the right late flag; importing the set again adds nothing; re-running a job
// replaces rows in place; a permanent failure is recorded, not retried, not lost.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { acceptRawMessage } from '../../src/ingest/accept-raw.ts';
import { importMail } from '../../src/ingest/import-mail.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { ingestMessage } from '../../src/ingest/ingest-message.ts';
import { sha256Hex } from '../../src/store/blob-store.ts';
import { startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { mailSets } from '../helpers/mail-sets.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';

type Row = Record<string, unknown>;

async function tableCounts(sql: pg.Pool): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['messages', 'attachments', 'processing_events', 'submissions', 'cases', 'summary_rows']) {
    out[t] = Number((await sql.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  }
  return out;
}

for (const set of mailSets()) {
  describe(`import → queue → PostgreSQL over ${set.name} (${set.items.length} emails)`, () => {
    let t: ImportEnv;
    let app: AppContext;
    let sql: pg.Pool;
    let worker: RunningWorker | null = null;
    const idBySha = new Map<string, string>();

    beforeAll(async () => {
      t = await createImportEnv('pipe', { WORKER_CONCURRENCY: '4' });
      ({ app, sql } = t);
      worker = startIngestWorker(app);
    });

    afterAll(async () => {
      await worker?.close().catch(() => undefined);
      await t?.cleanup();
    });

    it('turns every email into exactly one parsed row with decoded attachment names and the late flag', async () => {
      const imported = await importMail(app, [set.dir]);
      expect(imported).toHaveLength(set.items.length);
      expect(imported.every((m) => !m.duplicate)).toBe(true);
      const statuses = await waitForRuns(
        app,
        imported.map((m) => m.id),
        { timeoutMs: 280_000 },
      );
      expect([...statuses.values()].every((s) => s === 'ok')).toBe(true);
      for (const m of imported) idBySha.set(sha256Hex(await app.store.get((await app.repos.messages.findById(m.id))!.rawSha256)), m.id);

      const counts = await tableCounts(sql);
      expect(counts.messages).toBe(set.items.length);

      for (const item of set.items) {
        const messageId = idBySha.get(sha256Hex(item.raw));
        expect(messageId, `${item.file}: one row for its bytes`).toBeDefined();
        const { rows } = await sql.query<Row>('SELECT * FROM messages WHERE id = $1', [messageId]);
        const row = rows[0]!;
        expect(row.status, item.file).toBe('done');
        expect(row.last_run, item.file).toBe('ok');
        expect(row.parsed_at, item.file).toBeInstanceOf(Date);
        expect(row.source).toBe('import');
        expect(row.late, `${item.file}: late`).toBe(item.expected.late);
        expect(row.is_submission, `${item.file}: is_submission`).toBe(item.expected.is_submission);
        expect((row.received_at as Date).getTime(), `${item.file}: received_at`).toBe(new Date(item.expected.received_at).getTime());

        const atts = await app.repos.attachments.listForMessage(messageId!);
        const top = atts.filter((a) => a.depth === 0).map((a) => a.filename);
        expect(top, `${item.file}: attachment names`).toEqual(item.expected.attachments.map((a) => a.filename));
        for (const a of atts) {
          // Every file (archive members too) is in the store under its hash, whatever its name.
          expect(sha256Hex(await app.store.get(a.sha256))).toBe(a.sha256);
          expect(a.location).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
          if (a.depth > 0) expect(a.parentId).not.toBeNull();
        }
      }
    });

    it('links versions of a unit: later versions carry RESUBMISSION and supersede the earlier one', async () => {
      for (const item of set.items.filter((i) => i.expected.is_submission)) {
        const messageId = idBySha.get(sha256Hex(item.raw));
        const { rows } = await sql.query<Row>('SELECT version, supersedes, flags FROM submissions WHERE message_id = $1', [messageId]);
        expect(rows, `${item.file}: one submission row`).toHaveLength(1);
        const resubmission = item.expected.flags.includes('RESUBMISSION');
        expect((rows[0]!.flags as string[]).includes('RESUBMISSION'), `${item.file}: RESUBMISSION`).toBe(resubmission);
        if (resubmission) {
          expect(rows[0]!.version).toBeGreaterThan(1);
          expect(rows[0]!.supersedes).not.toBeNull();
        }
      }
      const { rows: nonSubmissions } = await sql.query(
        'SELECT count(*) AS n FROM submissions s JOIN messages m ON m.id = s.message_id WHERE NOT m.is_submission',
      );
      expect(Number(nonSubmissions[0].n)).toBe(0);
    });

    it('adds nothing when the same files are imported again', async () => {
      const before = await tableCounts(sql);
      const again = await importMail(app, [set.dir]);
      expect(again.every((m) => m.duplicate)).toBe(true);
      await waitForRuns(
        app,
        again.map((m) => m.id),
        { timeoutMs: 60_000 },
      );
      expect(await tableCounts(sql)).toEqual(before);
      expect(await app.queues.pendingCount()).toBe(0);
    });

    it('updates rows in place when a job runs again (retry, redelivery): every id stays', async () => {
      const { rows } = await sql.query<{ id: string }>(
        'SELECT m.id::text AS id FROM messages m WHERE m.is_submission ORDER BY (SELECT count(*) FROM attachments a WHERE a.message_id = m.id) DESC LIMIT 1',
      );
      const messageId = rows[0]?.id ?? (await sql.query<{ id: string }>('SELECT id::text AS id FROM messages LIMIT 1')).rows[0]!.id;
      const snapshot = async () => ({
        attachments: (
          await sql.query('SELECT id, ordinal, filename, sha256 FROM attachments WHERE message_id = $1 ORDER BY ordinal', [messageId])
        ).rows,
        submission: (await sql.query('SELECT id, version, supersedes, flags FROM submissions WHERE message_id = $1', [messageId])).rows,
        cases: (
          await sql.query(
            'SELECT c.id, c.ordinal, c.case_name FROM cases c JOIN submissions s ON s.id = c.submission_id WHERE s.message_id = $1 ORDER BY 2',
            [messageId],
          )
        ).rows,
        summaryRows: (
          await sql.query(
            'SELECT r.id, r.ordinal, r.case_name FROM summary_rows r JOIN submissions s ON s.id = r.submission_id WHERE s.message_id = $1 ORDER BY 2',
            [messageId],
          )
        ).rows,
        message: (await sql.query('SELECT status, last_run, late, is_submission, extract_output FROM messages WHERE id = $1', [messageId]))
          .rows,
      });
      const before = await snapshot();
      expect(before.cases.length + before.summaryRows.length, 'a submission with rows to keep').toBeGreaterThan(0);
      const countsBefore = await tableCounts(sql);
      const result = await ingestMessage(app, { messageId, attempt: 99 });
      expect(result.rejudge).toEqual([]);
      expect(await snapshot()).toEqual(before);
      const countsAfter = await tableCounts(sql);
      expect({ ...countsAfter, processing_events: 0 }).toEqual({ ...countsBefore, processing_events: 0 });
    });

    it('records a permanent failure once, with its error, without retrying', async () => {
      await worker!.close();
      const raw = Buffer.from(`Received: from mx; Mon, 03 Nov 2025 10:00:00 +0800\r\nSubject: lost blob ${t.id}\r\n\r\nbody\r\n`);
      const { id: messageId } = await acceptRawMessage(app, {
        raw,
        mailbox: 'import',
        uidvalidity: null,
        uid: null,
        receivedAt: null,
        source: 'import',
      });
      // The raw vanishes from the store (disk restored from an old backup): retrying cannot help.
      const { rmSync } = await import('node:fs');
      rmSync(app.store.pathOf(sha256Hex(raw)));
      worker = startIngestWorker(app);
      const statuses = await waitForRuns(app, [messageId], { timeoutMs: 60_000 });
      expect(statuses.get(messageId)).toBe('failed');
      const row = (
        await sql.query<Row>('SELECT status, last_run, parsed_at, last_error, attempts FROM messages WHERE id = $1', [messageId])
      ).rows[0]!;
      expect(row).toMatchObject({ status: 'done', last_run: 'failed', parsed_at: null });
      expect(String(row.last_error)).toMatch(/not in the store/);
      expect(row.attempts).toBe(1);
      const events = (
        await sql.query<Row>("SELECT stage, status FROM processing_events WHERE message_id = $1 AND status = 'failed' ORDER BY id", [
          messageId,
        ])
      ).rows;
      expect(events.map((e) => e.stage)).toEqual(['extract', 'ingest']);
    });

    it('measures acceptRawMessage → committed row → parsed (reported, not asserted)', async () => {
      const item = set.items.find((i) => i.expected.is_submission) ?? set.items[0]!;
      // New bytes (a distinct Received: line on top) so the message is not a duplicate.
      const raw = Buffer.concat([Buffer.from(`X-Measure: ${t.id}\r\n`), item.raw]);
      const t0 = performance.now();
      const { id: messageId } = await acceptRawMessage(app, {
        raw,
        mailbox: 'import',
        uidvalidity: null,
        uid: null,
        receivedAt: new Date(item.expected.received_at),
        source: 'import',
      });
      const committed = performance.now() - t0;
      // When acceptRawMessage returns, the row is committed and points at the stored raw bytes.
      const row = await app.repos.messages.findById(messageId);
      expect(row?.rawSha256).toBe(sha256Hex(raw));
      expect(sha256Hex(await app.store.get(row!.rawSha256))).toBe(row!.rawSha256);
      const outcome = await waitForRuns(app, [messageId], { timeoutMs: 120_000, pollMs: 20 });
      const parsed = performance.now() - t0;
      console.log(
        `[measure] ${set.name}/${item.file}: row committed ${committed.toFixed(0)} ms after acceptRawMessage began; parsed and written ${parsed.toFixed(0)} ms`,
      );
      expect(outcome.get(messageId)).toBe('ok');
      expect((await app.repos.messages.findById(messageId))?.parsedAt).toBeInstanceOf(Date);
    });
  });
}
