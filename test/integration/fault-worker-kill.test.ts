// Fault: an `intake worker` process is SIGKILLed in the middle of a batch, with jobs in flight.
// Another worker process, with the production lock settings (a 30 s lock, a stalled-job check
// every 10 s), must run those jobs again within 60 s of the kill; each interruption is recorded
// in processing_events (what the dashboard's message page shows); and the batch ends with every
// email recorded once, every run ok and at most one reply per email.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { burstMail } from '../helpers/burst-mail.ts';
import { acceptAll, expectRecordedOnce, waitSettled } from '../helpers/fault-checks.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';
import { waitFor } from '../helpers/services.ts';
import { sendAcksTo, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

describe('a worker process killed mid-batch', () => {
  let sink: SmtpSink;
  let t: ImportEnv;
  let sql: pg.Pool;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createImportEnv('kill', { ...sendAcksTo(sink), WORKER_CONCURRENCY: '2' });
    sql = t.sql;
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t?.cleanup();
    await sink?.close();
  });

  const worker = (): ChildProcess => {
    const child = spawn('node', [resolve(projectRoot, 'bin/intake.js'), 'worker'], {
      env: { ...process.env, ...t.env, LOG_LEVEL: 'silent' },
      cwd: projectRoot,
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };
  const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)));

  it('resumes the killed jobs within 60 s, records the stall, and loses or repeats nothing', async () => {
    const mails = burstMail([sampleMailboxDir], 10, t.id);
    await acceptAll(t.app, mails);

    const first = worker();
    await waitFor(
      async () => ((await sql.query(`SELECT 1 FROM messages WHERE status = 'processing'`)).rowCount ? true : undefined),
      60_000,
      'a job in flight',
      20,
    );
    first.kill('SIGKILL');
    await exited(first);
    const killedAt = new Date();
    // Rows still 'processing' now are the runs the kill cut (a run that committed first is done).
    const cut = (await sql.query<{ id: string }>(`SELECT id::text FROM messages WHERE status = 'processing'`)).rows.map((r) => r.id);
    expect(cut.length, 'jobs in flight at the kill').toBeGreaterThan(0);

    const second = worker();
    const stalls = await waitFor(
      async () => {
        const { rows } = await sql.query<{ message_id: string; at: Date; error: string }>(
          `SELECT message_id::text, at, error FROM processing_events
           WHERE stage = 'ingest' AND status = 'retrying' AND detail->>'reason' = 'stalled' AND message_id = ANY($1::bigint[])`,
          [cut],
        );
        return rows.length >= cut.length ? rows : undefined;
      },
      90_000,
      'the stall of every cut job recorded',
      250,
    );
    for (const s of stalls) {
      expect(s.at.getTime() - killedAt.getTime(), `message ${s.message_id} resumed`).toBeLessThan(60_000);
      expect(s.error).toMatch(/worker stopped mid-run/);
    }

    await waitSettled(sql, mails.length, 120_000);
    // Each cut message ran again after the kill, to the end.
    const reruns = await sql.query<{ id: string }>(
      `SELECT id::text FROM messages WHERE id = ANY($1::bigint[]) AND last_run = 'ok' AND last_run_at > $2`,
      [cut, killedAt],
    );
    expect(reruns.rows).toHaveLength(cut.length);
    const outcome = await expectRecordedOnce(sql, sink, mails.length);
    expect(outcome.sentRows).toBeGreaterThan(0);

    second.kill('SIGTERM');
    await exited(second);
  }, 240_000);
});
