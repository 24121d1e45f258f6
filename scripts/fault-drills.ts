// The long fault drills of issue 11, against the real services of this machine: `intake start`
// (poller, ingest worker, reply mailer, dashboard in one process) reads a burst of emails from
// the test Dovecot and answers them through a loopback SMTP sink, while the drill
//   1. kills it with SIGKILL mid-burst and starts it again,
//   2. stops PostgreSQL for 20 s mid-burst (pg_ctlcluster),
//   3. restarts Redis empty mid-burst (no persistence: every queue and lock is gone),
//   4. has the SMTP server refuse every connection (421) for a minute.
// Each drill ends when every email of its burst is done and no reply is pending, and reports the
// times and counts that docs/reliability.md quotes: emails recorded, duplicates, failed runs,
// replies per email, and how long the service took to resume.
//
// Run it through scripts/fault-drills.sh (which waits for any test run to finish, starts the
// services and restarts PostgreSQL and Redis whatever happens):
//   bash scripts/fault-drills.sh [--burst 200] [--only kill,pg,redis,smtp]
// It stops and restarts the machine's shared PostgreSQL and Redis: never run it beside tests.
import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { burstMail } from '../test/helpers/burst-mail.ts';
import { corpusDir, hasCorpus, projectRoot, sampleMailboxDir } from '../test/helpers/paths.ts';
import { createTestDatabase, tempDir } from '../test/helpers/services.ts';
import { sendAcksTo, startSmtpSink } from '../test/helpers/smtp-sink.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const BURST = Number(opt('burst', '200'));
const ONLY = new Set(opt('only', 'kill,pg,redis,smtp').split(','));
const PG_VERSION = execSync('ls /etc/postgresql', { encoding: 'utf8' }).trim().split('\n')[0]!;
const PG_START = `pg_ctlcluster --skip-systemctl-redirect ${PG_VERSION} main start`;
const PG_STOP = `pg_ctlcluster --skip-systemctl-redirect ${PG_VERSION} main stop -m fast`;
const REDIS_START = `redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log`;
const REDIS_STOP = 'redis-cli -p 6379 shutdown nosave';

const id = `drill${Date.now().toString(36)}`;
const logDir = resolve('/tmp', `fault-drills-${id}`);
mkdirSync(logDir, { recursive: true });
const t0 = Date.now();
const say = (text: string) => process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Before stopping a shared server: a test run started since the drill began would fail because of it. */
async function waitForNoTestRun(): Promise<void> {
  for (let said = false; ; said = true) {
    try {
      // No shell: `sh -c "pgrep -f vitest"` would find its own shell.
      execFileSync('pgrep', ['-f', 'vitest'], { stdio: 'ignore' });
    } catch {
      return; // pgrep found nothing
    }
    if (!said) say('a test run (vitest) is going on: waiting for it to end before stopping a server');
    await sleep(10_000);
  }
}

const db = await createTestDatabase(id);
const storage = tempDir(`intake-${id}`);
const folder = `drill-${id}`;
const sink = await startSmtpSink();
const sql = new pg.Pool({ connectionString: db.url, max: 2 });
sql.on('error', () => undefined);
sql.on('connect', (c) => c.on('error', () => undefined));

const env = {
  ...process.env,
  IMAP_HOST: process.env.IMAP_HOST ?? '127.0.0.1',
  IMAP_PORT: process.env.IMAP_PORT ?? '1143',
  IMAP_TLS: 'false',
  IMAP_USER: process.env.IMAP_USER ?? 'intake',
  IMAP_PASS: process.env.IMAP_PASS ?? 'intake-pass',
  IMAP_FOLDER: folder,
  DATABASE_URL: db.url,
  QUEUE_PREFIX: id,
  STORAGE_DIR: storage.path,
  WEB_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
  LOG_LEVEL: 'info',
  ...sendAcksTo(sink),
};

/** A fresh IMAP session each time: one left idle through a long drill is logged out by the server. */
async function openImap(): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: env.IMAP_HOST,
    port: Number(env.IMAP_PORT),
    secure: false,
    auth: { user: env.IMAP_USER, pass: env.IMAP_PASS },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
async function withImap<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await openImap();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
await withImap((c) => c.mailboxCreate(folder));

let serviceN = 0;
type Service = { proc: ChildProcess; log: string; startedAt: number };
function startService(): Service {
  const log = join(logDir, `start-${++serviceN}.log`);
  const fd = openSync(log, 'w');
  const proc = spawn('node', [resolve(projectRoot, 'bin/intake.js'), 'start'], { env, cwd: projectRoot, stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  return { proc, log, startedAt: Date.now() };
}
/** First pino line of a service's log with this message, as a time. */
function logTime(s: Service, msg: string): number | null {
  for (const line of readFileSync(s.log, 'utf8').split('\n')) {
    if (!line.includes(`"msg":"${msg}"`)) continue;
    const t = (JSON.parse(line) as { time: string | number }).time;
    return typeof t === 'number' ? t : Date.parse(t);
  }
  return null;
}
async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[] | null> {
  try {
    return (await sql.query<T>(text, params)).rows;
  } catch {
    return null; // PostgreSQL may be the thing that is down
  }
}
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return Date.now();
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

const tagOf = (drill: string) => `${id}-${drill}`;
const doneCount = async (tag: string) =>
  Number(
    (
      await query<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE status = 'done' AND message_id_header LIKE $1`, [`${tag}-%`])
    )?.[0]?.n ?? -1,
  );
async function append(tag: string, count: number): Promise<void> {
  const dirs = hasCorpus ? [corpusDir, sampleMailboxDir] : [sampleMailboxDir];
  await withImap(async (c) => {
    for (const m of burstMail(dirs, count, tag)) await c.append(folder, m.raw, [], m.receivedAt);
  });
}
/** All of a burst done (its rows parsed) and nothing pending anywhere. */
async function settled(tag: string, count: number): Promise<boolean> {
  const r = await query<{ done: string; pending: string; acks: string }>(
    `SELECT (SELECT count(*) FROM messages WHERE status = 'done' AND message_id_header LIKE $1) AS done,
            (SELECT count(*) FROM messages WHERE status <> 'done') AS pending,
            (SELECT count(*) FROM ack_outbox WHERE state IN ('queued', 'sending')) AS acks`,
    [`${tag}-%`],
  );
  return !!r && Number(r[0]!.done) >= count && r[0]!.pending === '0' && r[0]!.acks === '0';
}

type Counts = {
  emails: number;
  recorded: number;
  duplicates: number;
  failedRuns: number;
  maxRetries: number;
  replyRows: number;
  sent: number;
  unknown: number;
  maxRepliesPerEmail: number;
  stalls: number;
  recovered: number;
};
async function counts(tag: string, emails: number): Promise<Counts> {
  const like = `${tag}-%`;
  const m = (await query<{ total: string; distinct: string; failed: string }>(
    `SELECT count(*) AS total, count(DISTINCT message_id_header) AS distinct, count(*) FILTER (WHERE last_run <> 'ok') AS failed
     FROM messages WHERE message_id_header LIKE $1`,
    [like],
  ))![0]!;
  const retries = (await query<{ n: string | null }>(
    `SELECT max(c)::text AS n FROM (SELECT count(*) AS c FROM processing_events e JOIN messages m ON m.id = e.message_id
     WHERE m.message_id_header LIKE $1 AND e.stage = 'ingest' AND e.status = 'retrying' GROUP BY e.message_id) x`,
    [like],
  ))![0]!.n;
  const ev = (await query<{ stalls: string; recovered: string }>(
    `SELECT count(*) FILTER (WHERE e.detail->>'reason' = 'stalled' AND e.status = 'retrying') AS stalls,
            count(*) FILTER (WHERE e.stage = 'recover') AS recovered
     FROM processing_events e JOIN messages m ON m.id = e.message_id WHERE m.message_id_header LIKE $1`,
    [like],
  ))![0]!;
  const acks = (await query<{ state: string; message_id_header: string }>(
    `SELECT a.state, a.message_id_header FROM ack_outbox a JOIN messages m ON m.id = a.message_id
     WHERE a.kind = 'ack' AND m.message_id_header LIKE $1`,
    [like],
  ))!;
  const copies = acks.map((a) => sink.received.filter((r) => r.mail.messageId === `<${a.message_id_header}>`).length);
  return {
    emails,
    recorded: Number(m.total),
    duplicates: Number(m.total) - Number(m.distinct),
    failedRuns: Number(m.failed),
    maxRetries: Number(retries ?? 0),
    replyRows: acks.length,
    sent: acks.filter((a) => a.state === 'sent').length,
    unknown: acks.filter((a) => a.state === 'unknown').length,
    maxRepliesPerEmail: Math.max(0, ...copies),
    stalls: Number(ev.stalls),
    recovered: Number(ev.recovered),
  };
}
const secs = (ms: number | null) => (ms == null ? null : Math.round(ms / 100) / 10);

const results: Record<string, unknown> = {};
let service = startService();
await until('the poller to connect', async () => logTime(service, 'IMAP connected') !== null, 120_000);
say(`intake start running (pid ${service.proc.pid}); logs in ${logDir}`);

try {
  if (ONLY.has('kill')) {
    const tag = tagOf('kill');
    say(`drill 1: SIGKILL of intake start during a ${BURST}-email burst`);
    const burstAt = Date.now();
    await append(tag, BURST);
    await until('a fifth of the burst done', async () => (await doneCount(tag)) >= BURST / 5, 600_000);
    await until(
      'a job in flight',
      async () => ((await query(`SELECT 1 FROM messages WHERE status = 'processing'`))?.length ?? 0) > 0,
      60_000,
      20,
    );
    service.proc.kill('SIGKILL');
    await new Promise((r) => service.proc.once('exit', r));
    const killedAt = Date.now();
    const cut = (await query<{ id: string }>(`SELECT id::text FROM messages WHERE status = 'processing'`))!.map((r) => r.id);
    say(`killed at ${secs(killedAt - burstAt)} s into the burst; ${cut.length} job(s) in flight`);
    service = startService();
    const lockAt = await until(
      'the restarted poller to take the mailbox lock',
      async () => logTime(service, 'mailbox lock acquired') !== null,
      120_000,
    );
    const resumed = await until(
      'the cut jobs to run again',
      async () =>
        ((
          await query(
            `SELECT 1 FROM messages WHERE id = ANY($1::bigint[]) AND status = 'done' AND last_run_at > to_timestamp($2 / 1000.0)`,
            [cut, killedAt],
          )
        )?.length ?? 0) >= cut.length,
      180_000,
    );
    const stallEvents = await query<{ at: Date }>(
      `SELECT at FROM processing_events WHERE detail->>'reason' = 'stalled' AND message_id = ANY($1::bigint[]) ORDER BY at`,
      [cut],
    );
    const drained = await until('the burst to settle', () => settled(tag, BURST), 1_200_000);
    results.kill = {
      inFlightAtKill: cut.length,
      pollerLockAfterS: secs(lockAt - killedAt),
      tookOverDeadLock: logTime(service, 'took over the mailbox lock of a poller that died on this machine') !== null,
      stallRecordedAfterS: stallEvents?.length ? secs(stallEvents[stallEvents.length - 1]!.at.getTime() - killedAt) : null,
      cutJobsDoneAfterS: secs(resumed - killedAt),
      burstDrainedAfterS: secs(drained - burstAt),
      ...(await counts(tag, BURST)),
    };
    say(`drill 1: ${JSON.stringify(results.kill)}`);
  }

  if (ONLY.has('pg')) {
    const tag = tagOf('pg');
    say(`drill 2: PostgreSQL stopped for 20 s during a ${BURST}-email burst`);
    await waitForNoTestRun();
    const burstAt = Date.now();
    await append(tag, BURST);
    await until('a fifth of the burst done', async () => (await doneCount(tag)) >= BURST / 5, 600_000);
    await waitForNoTestRun();
    execSync(PG_STOP, { stdio: 'inherit' });
    const stoppedAt = Date.now();
    await sleep(20_000);
    execSync(PG_START, { stdio: 'inherit' });
    const startedAt = Date.now();
    say(`PostgreSQL was down ${secs(startedAt - stoppedAt)} s`);
    const drained = await until('the burst to settle', () => settled(tag, BURST), 1_200_000);
    results.pg = {
      downS: secs(startedAt - stoppedAt),
      serviceSurvived: service.proc.exitCode === null && service.proc.signalCode === null,
      drainedAfterRestartS: secs(drained - startedAt),
      burstDrainedAfterS: secs(drained - burstAt),
      ...(await counts(tag, BURST)),
    };
    say(`drill 2: ${JSON.stringify(results.pg)}`);
  }

  if (ONLY.has('redis')) {
    const tag = tagOf('redis');
    say(`drill 3: Redis restarted empty during a ${BURST}-email burst`);
    // Wait before the burst, not only before the restart: a burst that drains while the drill
    // waits for a test run to end would be restarted under with nothing left to lose.
    await waitForNoTestRun();
    const burstAt = Date.now();
    await append(tag, BURST);
    await until('a fifth of the burst done', async () => (await doneCount(tag)) >= BURST / 5, 600_000);
    await waitForNoTestRun();
    const before = await doneCount(tag);
    execSync(REDIS_STOP, { stdio: 'inherit' });
    const stoppedAt = Date.now();
    execSync(REDIS_START, { stdio: 'inherit' });
    say(`Redis restarted empty with ${before}/${BURST} of the burst done`);
    const firstRecover = await until(
      'the sweeper to queue the lost jobs again',
      async () =>
        ((await query(`SELECT 1 FROM processing_events WHERE stage = 'recover' AND at > to_timestamp($1 / 1000.0)`, [stoppedAt]))?.length ??
          0) > 0,
      300_000,
    );
    const drained = await until('the burst to settle', () => settled(tag, BURST), 1_200_000);
    results.redis = {
      doneBeforeRestart: before,
      serviceSurvived: service.proc.exitCode === null && service.proc.signalCode === null,
      requeuedAfterS: secs(firstRecover - stoppedAt),
      drainedAfterRestartS: secs(drained - stoppedAt),
      burstDrainedAfterS: secs(drained - burstAt),
      ...(await counts(tag, BURST)),
    };
    say(`drill 3: ${JSON.stringify(results.redis)}`);
  }

  if (ONLY.has('smtp')) {
    const tag = tagOf('smtp');
    const n = Math.min(BURST, 50);
    say(`drill 4: SMTP refusing every connection (421) for 60 s, ${n} emails`);
    const refuseUntil = Date.now() + 60_000;
    sink.set({
      onConnect: () => (Date.now() < refuseUntil ? { code: 421, message: '421 4.3.2 Service not available, try again later' } : null),
    });
    const burstAt = Date.now();
    await append(tag, n);
    const drained = await until('every reply sent', () => settled(tag, n), 1_800_000, 1_000);
    const c = await counts(tag, n);
    const attempts = (await query<{ max: number | null }>(
      `SELECT max(a.attempts) AS max FROM ack_outbox a JOIN messages m ON m.id = a.message_id WHERE m.message_id_header LIKE $1`,
      [`${tag}-%`],
    ))![0]!.max;
    results.smtp = {
      refusedConnections: sink.refused,
      lastReplyAfterRefusalEndS: secs(drained - refuseUntil),
      burstDrainedAfterS: secs(drained - burstAt),
      maxSendAttempts: attempts,
      ...c,
    };
    say(`drill 4: ${JSON.stringify(results.smtp)}`);
  }
} finally {
  service.proc.kill('SIGTERM');
  await Promise.race([new Promise((r) => service.proc.once('exit', r)), sleep(30_000)]);
  if (service.proc.exitCode === null && service.proc.signalCode === null) service.proc.kill('SIGKILL');
  const out = join(logDir, 'results.json');
  writeFileSync(out, JSON.stringify({ id, burst: BURST, cores: (await import('node:os')).cpus().length, results }, null, 2));
  say(`results in ${out}`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  await withImap((c) => c.mailboxDelete(folder)).catch(() => undefined);
  await sql.end().catch(() => undefined);
  await sink.close();
  if (!process.env.KEEP_DRILL_DATA) {
    await db.drop().catch(() => undefined);
    storage.remove();
  }
}
