// End to end over real servers: every email of a mail set is APPENDed to a fresh folder of the
// test Dovecot with its expected receipt time as INTERNALDATE; the real poller and ingest worker
// (in-process, real Redis/BullMQ, real PostgreSQL) must turn each into exactly one committed,
// parsed record with its attachment names decoded exactly, the right late flag and the
// INTERNALDATE as receipt time. Restarts and a UIDVALIDITY rescan must add nothing.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPoller, type RunningPoller } from '../../src/mailbox/imap-poller.ts';
import { startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { mailSets, type MailSet } from '../helpers/mail-sets.ts';
import { createPipelineEnv, type PipelineEnv } from '../helpers/pipeline-env.ts';
import { uniqueId, waitFor } from '../helpers/services.ts';

type MessageDbRow = {
  id: string;
  uid: string;
  status: string;
  last_run: string | null;
  late: boolean | null;
  received_at: Date;
  last_error: string | null;
};

for (const set of mailSets()) {
  describe(`IMAP → queue → PostgreSQL over ${set.name} (${set.items.length} emails)`, () => {
    let env: PipelineEnv;
    let worker: RunningWorker | null = null;
    let poller: RunningPoller | null = null;
    let imap: ImapFlow;
    /** UID → the email appended under it. */
    const byUid = new Map<number, MailSet['items'][number]>();

    beforeAll(async () => {
      env = await createPipelineEnv(uniqueId('it'));
      imap = await env.openImap();
      for (const item of set.items) {
        const res = await imap.append(env.folder, item.raw, [], new Date(item.expected.received_at));
        if (!res || !res.uid) throw new Error(`APPEND of ${item.file} returned no UID`);
        byUid.set(res.uid, item);
      }
    }, 240_000);

    afterAll(async () => {
      await poller?.stop().catch(() => undefined);
      await worker?.close().catch(() => undefined);
      await env?.cleanup();
    }, 60_000);

    const rows = async () =>
      (
        await env.sql.query<MessageDbRow>(
          'SELECT id::text, uid::text, status, last_run, late, received_at, last_error FROM messages ORDER BY uid',
        )
      ).rows;
    const allDone = async (n: number) => {
      const r = await rows();
      return r.length >= n && r.every((m) => m.status === 'done') ? r : undefined;
    };

    it('records every email exactly once, with decoded names, late flag and INTERNALDATE', async () => {
      worker = startIngestWorker(env.app, { concurrency: 4 });
      poller = await startPoller(env.app, { backoff: { baseMs: 200, maxMs: 2000 } });
      const done = await waitFor(() => allDone(set.items.length), 240_000, 'every message parsed or failed', 250);
      expect(done).toHaveLength(set.items.length);

      for (const [uid, item] of byUid) {
        const matching = done.filter((r) => Number(r.uid) === uid);
        expect(matching, `${item.file}: one row for UID ${uid}`).toHaveLength(1);
        const row = matching[0];
        expect(row.last_run, `${item.file}: ${row.last_error ?? ''}`).toBe('ok');
        expect(row.late, `${item.file}: late`).toBe(item.expected.late);
        expect(Math.floor(row.received_at.getTime() / 1000), `${item.file}: received_at = INTERNALDATE`).toBe(
          Math.floor(new Date(item.expected.received_at).getTime() / 1000),
        );
        const names = (
          await env.sql.query<{ filename: string }>(
            'SELECT filename FROM attachments WHERE message_id = $1 AND parent_id IS NULL AND depth = 0 ORDER BY ordinal',
            [row.id],
          )
        ).rows.map((a) => a.filename);
        expect(names, `${item.file}: top-level attachment names`).toEqual(item.expected.attachments.map((a) => a.filename));
      }
      // The bureau's mail is untouched: EXAMINE only, nothing flagged \Seen or deleted.
      const status = await imap.status(env.folder, { messages: true, unseen: true });
      expect(status && status.messages).toBe(set.items.length);
      expect(status && status.unseen).toBe(set.items.length);
    }, 300_000);

    it('adds nothing on a restart, nor on a rescan after a UIDVALIDITY change', async () => {
      const before = (await rows()).length;
      await poller!.stop();
      poller = await startPoller(env.app, { backoff: { baseMs: 200, maxMs: 2000 } });
      await poller.firstSync;
      expect((await rows()).length).toBe(before);

      await poller.stop();
      // Pretend the server renumbered the folder: the poller must rescan from UID 1 and the
      // unique keys (raw hash; mailbox+uidvalidity+uid) must drop every message it already has.
      await env.sql.query('UPDATE mailbox_cursors SET uidvalidity = uidvalidity + 1');
      poller = await startPoller(env.app, { backoff: { baseMs: 200, maxMs: 2000 } });
      await poller.firstSync;
      expect((await rows()).length).toBe(before);
      expect(await env.app.queues.pendingCount()).toBe(0);
      const cursor = (await env.sql.query<{ last_uid: string }>('SELECT last_uid FROM mailbox_cursors')).rows;
      expect(cursor).toHaveLength(1);
      expect(Number(cursor[0].last_uid)).toBe(Math.max(...byUid.keys()));
    }, 120_000);

    it('picks up a message appended while the poller IDLEs (latency printed, not asserted)', async () => {
      // Give imapflow time to enter IDLE (autoIdleDelay is one second after the last command).
      await new Promise((r) => setTimeout(r, 2500));
      const first = set.items[0];
      const raw = Buffer.concat([Buffer.from(`X-Intake-Test: idle-${env.id}\r\n`), first.raw]);
      const appendedAt = performance.now();
      const res = await imap.append(env.folder, raw, [], new Date(first.expected.received_at));
      const uid = res && res.uid;
      expect(uid).toBeGreaterThan(0);
      await waitFor(
        async () => ((await env.sql.query('SELECT 1 FROM messages WHERE uid = $1', [uid])).rowCount ? true : undefined),
        60_000,
        'the new row',
        20,
      );
      const committedS = (performance.now() - appendedAt) / 1000;
      await waitFor(
        async () =>
          (await env.sql.query("SELECT 1 FROM messages WHERE uid = $1 AND status = 'done' AND last_run = 'ok'", [uid])).rowCount
            ? true
            : undefined,
        60_000,
        'the new row parsed',
        20,
      );
      const parsedS = (performance.now() - appendedAt) / 1000;
      console.log(`[${set.name}] APPEND during IDLE -> committed row: ${committedS.toFixed(2)} s, -> parsed: ${parsedS.toFixed(2)} s`);
    }, 120_000);
  });
}
