// Faults of the servers around the pipeline, each in the middle of a batch, each ending with every
// email recorded once, every run ok and at most one reply per email:
//   - Redis emptied (every key of this test's prefix deleted: the shared Redis is never flushed):
//     the queues are rebuilt from PostgreSQL by the lost-job sweeper;
//   - PostgreSQL unreachable for 20 s (the app's pool goes through a TCP proxy that cuts every
//     connection and refuses new ones; the shared server keeps running): jobs retry with backoff,
//     nothing is lost, no job loops;
//   - the SMTP server refusing every connection (421) for a while: replies wait and go out once.
// Workers run in this process with the production lock and retry settings; only the sweepers'
// interval and the ack backoff (delayed jobs promoted) are shortened, so the test takes seconds.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startAckWorker, startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { QueueName } from '../../src/queue/jobs.ts';
import { burstMail } from '../helpers/burst-mail.ts';
import { acceptAll, countDone, expectRecordedOnce, promoteDelayed, waitSettled } from '../helpers/fault-checks.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { sampleMailboxDir } from '../helpers/paths.ts';
import { clearRedisPrefix, waitFor } from '../helpers/services.ts';
import { sendAcksTo, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

describe('outages mid-batch', () => {
  let sink: SmtpSink | null = null;
  let t: ImportEnv | null = null;
  let proxy: TcpProxy | null = null;
  let workers: RunningWorker[] = [];
  let stopPromoting: () => void = () => undefined;

  afterEach(async () => {
    stopPromoting();
    for (const w of workers) await w.close().catch(() => undefined);
    workers = [];
    await t?.cleanup();
    await proxy?.close();
    await sink?.close();
    t = null;
    proxy = null;
    sink = null;
  });

  const startWorkers = (env: ImportEnv, concurrency: number) => {
    workers.push(
      startIngestWorker(env.app, { concurrency, sweepIntervalMs: 1_000, recoverGraceMs: 1_000 }),
      startAckWorker(env.app, { sweepIntervalMs: 1_000 }),
    );
  };
  /** The retry backoff, shortened: delayed jobs run at once (never while the fault lasts). */
  const shortenBackoff = (env: ImportEnv) => {
    const stops = [promoteDelayed(env.app, QueueName.Ingest), promoteDelayed(env.app, QueueName.Ack)];
    stopPromoting = () => stops.forEach((stop) => stop());
  };

  const events = async (sql: pg.Pool, stage: string, status?: string) =>
    Number(
      (
        await sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM processing_events WHERE stage = $1 AND ($2::text IS NULL OR status = $2)`,
          [stage, status ?? null],
        )
      ).rows[0]!.n,
    );

  it('Redis emptied mid-batch: the queues are rebuilt from PostgreSQL', async () => {
    sink = await startSmtpSink();
    t = await createImportEnv('rflush', sendAcksTo(sink));
    const mails = burstMail([sampleMailboxDir], 10, t.id);
    await acceptAll(t.app, mails);
    startWorkers(t, 1);
    await waitFor(async () => ((await countDone(t!.sql)) >= 2 ? true : undefined), 60_000, 'two messages done', 50);
    expect(await countDone(t.sql)).toBeLessThan(mails.length);

    // Every queue key, job, lock and deduplication id of this deployment is gone at once.
    await clearRedisPrefix(t.id);
    shortenBackoff(t);
    await waitSettled(t.sql, mails.length, 120_000);
    await expectRecordedOnce(t.sql, sink, mails.length);
    expect(await events(t.sql, 'recover'), 'messages queued again by the sweeper').toBeGreaterThan(0);
  }, 180_000);

  it('PostgreSQL unreachable for 20 s mid-batch: retried, nothing lost, no loop', async () => {
    sink = await startSmtpSink();
    proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: Number(new URL(process.env.DATABASE_URL ?? 'postgres://x@127.0.0.1:5432/').port || 5432),
    });
    const port = proxy.port;
    t = await createImportEnv('pgdown', sendAcksTo(sink), {
      appDatabaseUrl: (url) => {
        const u = new URL(url);
        u.hostname = '127.0.0.1';
        u.port = String(port);
        return u.toString();
      },
    });
    const mails = burstMail([sampleMailboxDir], 10, t.id);
    await acceptAll(t.app, mails);
    startWorkers(t, 2);
    await waitFor(async () => ((await countDone(t!.sql)) >= 2 ? true : undefined), 60_000, 'two messages done', 50);
    const doneBefore = await countDone(t.sql);
    expect(doneBefore).toBeLessThan(mails.length);

    // The production backoff runs through the outage: 20 s must not use up a job's attempts.
    await proxy.down(20_000);
    shortenBackoff(t);
    await waitSettled(t.sql, mails.length, 120_000);
    const outcome = await expectRecordedOnce(t.sql, sink, mails.length);
    expect(outcome.sentRows).toBeGreaterThan(0);
    // Retries are bounded: a job has 8 attempts, so no message was retried more than 7 times
    // (events written while the database was away are lost, which only lowers the count).
    const { rows } = await t.sql.query<{ n: string }>(
      `SELECT max(c)::text AS n FROM (SELECT count(*) AS c FROM processing_events WHERE stage = 'ingest' AND status = 'retrying' GROUP BY message_id) x`,
    );
    expect(Number(rows[0]!.n ?? 0)).toBeLessThanOrEqual(7);
    expect(proxy.cut).toBeGreaterThan(0);
  }, 180_000);

  it('SMTP refusing every connection for a while: each reply goes out once afterwards', async () => {
    sink = await startSmtpSink();
    const refuseUntil = Date.now() + 6_000;
    sink.set({
      onConnect: () => (Date.now() < refuseUntil ? { code: 421, message: '421 4.3.2 Service not available, try again later' } : null),
    });
    t = await createImportEnv('smtpdown', sendAcksTo(sink));
    const mails = burstMail([sampleMailboxDir], 5, t.id);
    await acceptAll(t.app, mails);
    startWorkers(t, 2);
    shortenBackoff(t);
    await waitSettled(t.sql, mails.length, 120_000);
    const outcome = await expectRecordedOnce(t.sql, sink, mails.length);
    expect(sink.refused).toBeGreaterThan(0);
    expect(outcome.sentRows).toBeGreaterThan(0);
    const retried = await t.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ack_outbox WHERE state = 'sent' AND attempts > 1`);
    expect(Number(retried.rows[0]!.n), 'replies sent after a refusal').toBeGreaterThan(0);
  }, 180_000);
});
