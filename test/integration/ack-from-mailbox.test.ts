// The whole path an applicant sees, on the real Dovecot, Redis, PostgreSQL and an SMTP server on
// loopback: an email APPENDed to the watched folder is fetched (IDLE), parsed, recorded, and
// answered; the reply logs in with the mailbox account and a copy lands in ACK_SENT_FOLDER.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAckWorker, startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { startPoller, type RunningPoller } from '../../src/mailbox/imap-poller.ts';
import { sampleMailboxDir } from '../helpers/paths.ts';
import { createPipelineEnv, type PipelineEnv } from '../helpers/pipeline-env.ts';
import { uniqueId, waitFor } from '../helpers/services.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

describe('an applicant hears back', () => {
  let sink: SmtpSink;
  let env: PipelineEnv;
  let sent: string;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    const id = uniqueId('ackimap');
    sent = `sent-${id}`;
    env = await createPipelineEnv(id, {
      ACK_MODE: 'send',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_TLS: 'false',
      ACK_FROM: 'ssjjsjzlc@163.com',
      ACK_SINCE: '2025-01-01T00:00:00+08:00',
      ACK_SENT_FOLDER: sent,
    });
    const admin = await env.openImap();
    await admin.mailboxCreate(sent);
  }, 240_000);

  afterAll(async () => {
    for (const r of running) await r.stop().catch(() => undefined);
    const admin = await env?.openImap().catch(() => null);
    await admin?.mailboxDelete(sent).catch(() => undefined);
    await env?.cleanup();
    await sink?.close();
  }, 60_000);

  it('fetches, records, replies with the mailbox login, and files a copy in the Sent folder', async () => {
    const poller: RunningPoller = await startPoller(env.app, {});
    running.push({ stop: () => poller.stop() });
    const ingest: RunningWorker = startIngestWorker(env.app);
    const mailer: RunningWorker = startAckWorker(env.app, { sweepIntervalMs: 1_000 });
    running.push({ stop: () => ingest.close() }, { stop: () => mailer.close() });

    const raw = readFileSync(resolve(sampleMailboxDir, 's01-complete-on-time.eml'));
    const imap = await env.openImap();
    const appendedAt = Date.now();
    await imap.append(env.folder, raw, [], new Date('2025-11-03T10:00:00+08:00'));

    const reply = await waitFor(async () => sink.received[0], 60_000, 'the reply', 50);
    console.log(`[measure] APPEND -> reply accepted by SMTP: ${Date.now() - appendedAt} ms`);
    expect(reply.to).toEqual(['zhouxy@jczs-tech.com.cn']);
    expect(sink.logins).toContain(env.config.imap.user); // SMTP_USER defaults to the IMAP account
    expect(reply.mail.subject).toMatch(/^回复：/);

    const copy = await waitFor(
      async () => {
        const box = await imap.mailboxOpen(sent);
        if (box.exists === 0) return undefined;
        const msg = await imap.fetchOne('*', { envelope: true, flags: true });
        return msg || undefined;
      },
      30_000,
      'the copy in the Sent folder',
    );
    expect(copy.envelope?.messageId).toBe(reply.mail.messageId);
    expect(copy.flags?.has('\\Seen')).toBe(true);
    const row = (await env.sql.query("SELECT state, sent_copy_error FROM ack_outbox WHERE kind = 'ack'")).rows[0];
    expect(row).toEqual({ state: 'sent', sent_copy_error: null });
  }, 180_000);
});
