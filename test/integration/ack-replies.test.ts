// Acknowledgements end to end on the real PostgreSQL and Redis, sent to a real SMTP server on
// loopback: exactly one reply per submission email and none for the rest, each threaded to its
// original and naming the problems found; reprocessing sends nothing again; a 451 is retried and
// then delivered; a 550 is never retried; a recipient over the daily cap is held; a mailer
// killed mid-send and restarted sends no duplicate.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { APPLICATION_FLAG_CODES } from '../../src/applications/application-flags.ts';
import { startAckWorker, startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import type { AckRow } from '../../src/db/ack-outbox-repo.ts';
import { importMail } from '../../src/ingest/import-mail.ts';
import { reprocessMessages, waitForReprocess } from '../../src/operations/reprocess.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { QueueName } from '../../src/queue/jobs.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { mailSets } from '../helpers/mail-sets.ts';
import { MATERIAL_LABELS } from '../../src/validate/labels.ts';
import { corpusDir, projectRoot } from '../helpers/paths.ts';
import { waitFor } from '../helpers/services.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const applicationsDir = resolve(corpusDir, 'applications');
const hasApplications = existsSync(resolve(applicationsDir, 'index.json'));

type Ack = {
  id: string;
  message_id: string;
  kind: string;
  state: string;
  reason: string | null;
  to_address: string | null;
  message_id_header: string;
  attempts: number;
  last_error: string | null;
};

const ackEnv = (sink: SmtpSink, extra: Record<string, string> = {}) => ({
  ACK_MODE: 'send',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(sink.port),
  SMTP_TLS: 'false',
  ACK_FROM: 'ssjjsjzlc@163.com',
  ACK_SINCE: '2025-01-01T00:00:00+08:00',
  ACK_PER_RECIPIENT_DAILY: '1000',
  ...extra,
});

async function acks(sql: pg.Pool): Promise<Ack[]> {
  return (
    await sql.query<Ack>(
      'SELECT id::text, message_id::text, kind, state, reason, to_address, message_id_header, attempts, last_error FROM ack_outbox ORDER BY id',
    )
  ).rows;
}

/** Waits until no acknowledgement is queued or being sent. */
async function settled(sql: pg.Pool, timeoutMs = 120_000): Promise<Ack[]> {
  return waitFor(
    async () => {
      const rows = await acks(sql);
      return rows.every((r) => !['queued', 'sending'].includes(r.state)) ? rows : undefined;
    },
    timeoutMs,
    'the outbox to settle',
    200,
  );
}

describe('acknowledgement replies', () => {
  let sink: SmtpSink;
  let t: ImportEnv;
  let app: AppContext;
  let sql: pg.Pool;
  const workers: RunningWorker[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createImportEnv('ack', ackEnv(sink));
    ({ app, sql } = t);
  });

  afterAll(async () => {
    for (const w of workers) await w.close().catch(() => undefined);
    await t?.cleanup();
    await sink?.close();
  });

  it('sends exactly one threaded reply per submission email and none for the rest', async () => {
    // One ingest job at a time: the mail is judged in receipt order, as the poller delivers it.
    workers.push(startIngestWorker(app, { concurrency: 1 }), startAckWorker(app, { sweepIntervalMs: 1_000 }));
    const all = [];
    const dirs = [...mailSets().map((s) => s.dir), ...(hasApplications ? [applicationsDir] : [])];
    for (const dir of dirs) {
      const imported = await importMail(app, [dir]);
      await waitForRuns(
        app,
        imported.map((m) => m.id),
        { timeoutMs: 280_000 },
      );
      all.push(...imported);
    }
    const rows = await settled(sql);
    const replyOf = new Map<string, string>();
    const messages = (
      await sql.query<{ id: string; is_submission: boolean; message_id_header: string | null; subject: string }>(
        'SELECT id::text, is_submission, message_id_header, subject FROM messages',
      )
    ).rows;
    expect(rows).toHaveLength(messages.length); // one row per message, whatever it is

    for (const m of messages) {
      const mine = rows.filter((r) => r.message_id === m.id);
      expect(mine, `message ${m.id}`).toHaveLength(1);
      const row = mine[0]!;
      const delivered = sink.received.filter((r) => r.mail.messageId === `<${row.message_id_header}>`);
      if (!m.is_submission) {
        expect(row.state, `message ${m.id}: ${m.subject}`).toBe('suppressed');
        expect(delivered).toHaveLength(0);
        continue;
      }
      if (row.state === 'suppressed') {
        // A submission from an address we must not answer (robot, invalid): never attempted.
        expect(delivered).toHaveLength(0);
        continue;
      }
      expect(row.state, `message ${m.id}: ${row.reason ?? ''} ${row.last_error ?? ''}`).toBe('sent');
      expect(delivered, `message ${m.id}: one copy`).toHaveLength(1);
      const mail = delivered[0]!.mail;
      expect(mail.inReplyTo).toBe(`<${m.message_id_header}>`);
      expect(String(mail.references ?? '')).toContain(m.message_id_header!);
      expect(mail.subject).toBe(`回复：${m.subject}`);
      expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
      expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
      // This email's own problems (an unreadable file, the subject …) are named in the applicant's words.
      const flags = (
        await sql.query<{ flag_details: { code: string; message: string }[] }>(
          'SELECT flag_details FROM submissions WHERE message_id = $1',
          [m.id],
        )
      ).rows[0]!.flag_details;
      for (const f of flags.filter((f) => !['RESUBMISSION', 'NOT_A_SUBMISSION', ...APPLICATION_FLAG_CODES].includes(f.code.split(':')[0]!)))
        expect(mail.text, f.code).toContain(f.message);
      expect(mail.text).toContain('张嵘钧 张晓琪');
      replyOf.set(m.id, mail.text ?? '');
    }
    // The reply to a unit's latest email states its application as it stands: each material held
    // or missing, and every problem of the application.
    const applications = (
      await sql.query<{
        id: string;
        materials: Record<string, { filename: string } | null>;
        flag_details: { code: string; message: string }[];
        last: string;
      }>(
        `SELECT a.id::text, a.materials, a.flag_details,
         (SELECT s.message_id::text FROM submissions s WHERE s.application_id = a.id ORDER BY s.received_at DESC, s.message_id DESC LIMIT 1) AS last
       FROM applications a WHERE a.active`,
      )
    ).rows;
    expect(applications.length).toBeGreaterThan(0);
    let checked = 0;
    for (const a of applications) {
      const text = replyOf.get(a.last);
      if (!text) continue; // its latest email was not answered (suppressed sender)
      checked++;
      for (const [kind, label] of Object.entries(MATERIAL_LABELS)) {
        const held = a.materials[kind];
        expect(text, `application ${a.id}: ${kind}`).toContain(held ? `${label}：已收到（${held.filename}` : `${label}：未收到`);
      }
      // LATE is said by the late notice (特别提示) when this email is itself late.
      for (const f of a.flag_details.filter((f) => !(f.code === 'LATE' && text.includes('特别提示'))))
        expect(text, `application ${a.id}: ${f.code}`).toContain(f.message);
    }
    expect(checked).toBeGreaterThan(0);
    // The sample mailbox's email without 附件2 says so.
    const s05 = sink.received.find((r) => r.mail.subject?.includes('喆睿农业'));
    expect(s05?.mail.text).toContain('附件2 案例介绍：未收到');
    // Never a reply to an auto-reply or a question: their senders were never even tried.
    const suppressed = rows.filter((r) => r.state === 'suppressed' && r.to_address).map((r) => r.to_address!);
    const sentTo = new Set(rows.filter((r) => r.state === 'sent').map((r) => r.to_address));
    for (const address of suppressed.filter((a) => !sentTo.has(a))) expect(sink.attempted).not.toContain(address);
  }, 400_000);

  it('sends nothing again when every message is reprocessed', async () => {
    const before = sink.received.length;
    const { ids, requestedAt } = await reprocessMessages(app, { all: true }, { requestedBy: 'test' });
    await waitForReprocess(app, ids, requestedAt, { timeoutMs: 280_000 });
    await settled(sql);
    await new Promise((r) => setTimeout(r, 1_500)); // a sweep or two
    expect(sink.received.length).toBe(before);
    expect((await acks(sql)).filter((r) => r.kind === 'ack')).toHaveLength(
      Number((await sql.query('SELECT count(*) AS n FROM messages')).rows[0].n),
    );
  }, 300_000);

  it('retries a 451 and delivers once; never retries a 550', async () => {
    const sent = (await acks(sql)).filter((r) => r.state === 'sent');
    const [a, b] = [sent[0]!, sent[1]!];
    const release = async (id: string) => {
      // An operator's explicit resend: a new row with a Message-ID of its own.
      const { resendAck } = await import('../../src/operations/acks.ts');
      return resendAck(app, id, 'test');
    };
    let refusedOnce = false;
    sink.set({
      onRcpt: (address) => {
        if (address === a.to_address && !refusedOnce) {
          refusedOnce = true;
          return { code: 451, message: '451 4.7.1 MI:SFQ 发信人在15分钟内的发信数量超过限制' };
        }
        if (address === b.to_address) return { code: 550, message: '550 5.1.1 User not found' };
        return null;
      },
    });
    // A suppressed reply (not a submission, an auto-reply …) cannot be sent by hand either.
    const suppressed = (await acks(sql)).find((r) => r.state === 'suppressed')!;
    await expect(release(suppressed.id)).rejects.toThrow(/suppressed/);
    const retried = await release(a.id);
    const refused = await release(b.id);
    // The 451: back to queued with the error; promote the delayed retry instead of waiting 30 s.
    await waitFor(async () => ((await acks(sql)).find((r) => r.id === retried.id)?.last_error ? true : undefined), 30_000, 'the 451');
    for (const job of await app.queues.get(QueueName.Ack).getDelayed()) await job.promote();
    const rows = await settled(sql);
    const r451 = rows.find((r) => r.id === retried.id)!;
    expect(r451).toMatchObject({ state: 'sent', attempts: 2 });
    expect(sink.received.filter((r) => r.mail.messageId === `<${r451.message_id_header}>`)).toHaveLength(1);
    const r550 = rows.find((r) => r.id === refused.id)!;
    expect(r550).toMatchObject({ state: 'failed', attempts: 1 });
    expect(r550.reason).toMatch(/550/);
    sink.set({});
  }, 300_000);

  /** Queued outbox rows written straight into a fresh database, one per recipient given. */
  async function seedOutbox(env: ImportEnv, recipients: string[]): Promise<void> {
    for (const [i, to] of recipients.entries()) {
      const { rows } = await env.sql.query<{ id: string }>(
        `INSERT INTO messages (source, mailbox, raw_sha256, raw_size, raw_location) VALUES ('import', 'import', lpad($1::text, 64, '0'), 1, 'x') RETURNING id::text`,
        [i],
      );
      await env.sql.query(
        `INSERT INTO ack_outbox (message_id, kind, state, reference, to_address, from_address, subject, message_id_header, text_body, html_body)
         VALUES ($1, 'ack', 'queued', 'R', $2, 'ssjjsjzlc@163.com', 's', $3, 't', '<p>t</p>')`,
        [rows[0]!.id, to, `seed-${i}-${env.id}@163.com`],
      );
    }
  }

  it('holds a reply over the per-recipient daily cap until an operator releases it', async () => {
    const capped = await createImportEnv('ackcap', ackEnv(sink, { ACK_PER_RECIPIENT_DAILY: '1' }));
    const w = startAckWorker(capped.app, { sweepIntervalMs: 500 });
    try {
      await seedOutbox(capped, ['same@example.cn', 'same@example.cn']);
      const rows = await settled(capped.sql, 60_000);
      expect(rows.map((r) => r.state).sort()).toEqual(['held', 'sent']);
      const held = rows.find((r) => r.state === 'held')!;
      expect(held.reason).toMatch(/daily limit/);
      // The release is an operator's decision: sent despite the cap, once.
      const { releaseAck } = await import('../../src/operations/acks.ts');
      expect(await releaseAck(capped.app, held.id, 'test')).toBe(true);
      const after = await settled(capped.sql, 60_000);
      expect(after.find((r) => r.id === held.id)?.state).toBe('sent');
      expect(sink.received.filter((m) => m.mail.messageId === `<${held.message_id_header}>`)).toHaveLength(1);
    } finally {
      await w.close();
      await capped.cleanup();
    }
  }, 120_000);

  it('sends no more than ACK_RATE_PER_MINUTE replies a minute', async () => {
    const limited = await createImportEnv('ackrate', ackEnv(sink, { ACK_RATE_PER_MINUTE: '2' }));
    const w = startAckWorker(limited.app, { sweepIntervalMs: 500 });
    try {
      await seedOutbox(limited, ['r1@example.cn', 'r2@example.cn', 'r3@example.cn', 'r4@example.cn']);
      await waitFor(
        async () => ((await acks(limited.sql)).filter((r) => r.state === 'sent').length >= 2 ? true : undefined),
        30_000,
        'two sends',
      );
      await new Promise((r) => setTimeout(r, 5_000)); // well inside the minute
      const states = (await acks(limited.sql)).map((r) => r.state).sort();
      expect(states).toEqual(['queued', 'queued', 'sent', 'sent']);
    } finally {
      await w.close();
      await limited.cleanup();
    }
  }, 120_000);

  it('sends no duplicate when the mailer is killed mid-send and restarted', async () => {
    for (const w of workers.splice(0)) await w.close();
    // New rows to send: resends of every sent reply (explicit operator sends).
    const { resendAck } = await import('../../src/operations/acks.ts');
    const sentRows = (await acks(sql)).filter((r) => r.state === 'sent' && r.kind === 'ack').slice(0, 6);
    const fresh: AckRow[] = [];
    for (const r of sentRows) fresh.push(await resendAck(app, r.id, 'test'));
    sink.set({ dataDelayMs: 4_000 });
    const started = sink.dataStarted;
    const env = { ...process.env, ...t.env, LOG_LEVEL: 'silent' };
    const worker = (): ChildProcess =>
      spawn('node', [resolve(projectRoot, 'bin/intake.js'), 'worker'], { env, cwd: projectRoot, stdio: 'ignore' });
    const first = worker();
    await waitFor(async () => (sink.dataStarted > started ? true : undefined), 60_000, 'a send in flight');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    sink.set({});
    const second = worker();
    try {
      const rows = await waitFor(
        async () => {
          const all = (await acks(sql)).filter((r) => fresh.some((f) => f.id === r.id));
          return all.every((r) => ['sent', 'unknown'].includes(r.state)) ? all : undefined;
        },
        120_000,
        'every resend sent or unknown',
      );
      for (const r of rows) {
        const copies = sink.received.filter((m) => m.mail.messageId === `<${r.message_id_header}>`).length;
        expect(copies, `row ${r.id} (${r.state})`).toBeLessThanOrEqual(1);
        if (r.state === 'sent') expect(copies).toBe(1);
      }
      // The send cut by the kill is the one window: it is marked, not repeated.
      expect(rows.filter((r) => r.state === 'unknown').length).toBeLessThanOrEqual(1);
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
  }, 300_000);
});
