// What every fault test ends with: each email recorded exactly once, every run finished, and at
// most one acknowledgement delivered per email (exactly one for a reply marked sent).
import type pg from 'pg';
import { expect } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { acceptRawMessage } from '../../src/ingest/accept-raw.ts';
import { QueueName } from '../../src/queue/jobs.ts';
import type { BurstMail } from './burst-mail.ts';
import { waitFor } from './services.ts';
import type { SmtpSink } from './smtp-sink.ts';

/** The first step of every email (blob, row, job), as `intake import` does it. */
export async function acceptAll(app: AppContext, mails: BurstMail[]): Promise<string[]> {
  const ids: string[] = [];
  for (const m of mails) {
    const { id } = await acceptRawMessage(app, {
      raw: m.raw,
      mailbox: 'import',
      uidvalidity: null,
      uid: null,
      receivedAt: null,
      source: 'import',
    });
    ids.push(id);
  }
  return ids;
}

export const countDone = async (sql: pg.Pool): Promise<number> =>
  Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE status = 'done'`)).rows[0]!.n);

/** Waits until every message row is done and no reply is queued or being sent. */
export async function waitSettled(sql: pg.Pool, expected: number, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await sql.query<{ pending: string; total: string; acks: string }>(
        `SELECT (SELECT count(*) FROM messages WHERE status <> 'done') AS pending, (SELECT count(*) FROM messages) AS total,
                (SELECT count(*) FROM ack_outbox WHERE state IN ('queued', 'sending')) AS acks`,
      );
      const r = rows[0]!;
      return Number(r.total) >= expected && r.pending === '0' && r.acks === '0' ? true : undefined;
    },
    timeoutMs,
    `${expected} messages done and the outbox settled`,
    250,
  );
}

/** Promotes delayed jobs of a queue every `everyMs`: the production backoff, shortened for a test. */
export function promoteDelayed(app: AppContext, queue: QueueName, everyMs = 500): () => void {
  const timer = setInterval(async () => {
    for (const job of await app.queues
      .get(queue)
      .getDelayed()
      .catch(() => []))
      await job.promote().catch(() => undefined);
  }, everyMs);
  return () => clearInterval(timer);
}

export type FaultOutcome = { messages: number; failed: number; replies: number; sentRows: number; unknownRows: number };

/**
 * Every email once (the raw bytes of each are distinct), every last run ok, one reply row per
 * message, at most one delivered copy per reply row (exactly one when marked sent).
 */
export async function expectRecordedOnce(sql: pg.Pool, sink: SmtpSink, expected: number): Promise<FaultOutcome> {
  const messages = (
    await sql.query<{ id: string; last_run: string | null; status: string }>('SELECT id::text, last_run, status FROM messages')
  ).rows;
  expect(messages).toHaveLength(expected);
  const failed = messages.filter((m) => m.last_run !== 'ok');
  expect(failed, 'messages whose last run did not end ok').toEqual([]);
  const acks = (
    await sql.query<{ message_id: string; state: string; message_id_header: string }>(
      `SELECT message_id::text, state, message_id_header FROM ack_outbox WHERE kind = 'ack'`,
    )
  ).rows;
  expect(new Set(acks.map((a) => a.message_id)).size).toBe(acks.length);
  for (const a of acks) {
    const copies = sink.received.filter((r) => r.mail.messageId === `<${a.message_id_header}>`).length;
    expect(copies, `reply to message ${a.message_id} (${a.state})`).toBeLessThanOrEqual(1);
    if (a.state === 'sent') expect(copies, `reply to message ${a.message_id}`).toBe(1);
  }
  return {
    messages: messages.length,
    failed: failed.length,
    replies: sink.received.length,
    sentRows: acks.filter((a) => a.state === 'sent').length,
    unknownRows: acks.filter((a) => a.state === 'unknown').length,
  };
}
