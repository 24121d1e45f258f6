// /metrics and /healthz as another process sees them: every value comes from PostgreSQL and Redis
// (the web role never did the work), a source that fails leaves the rest of the page, and the
// mailbox is healthy only while a poller's heartbeat says so. Real PostgreSQL, Redis and Dovecot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestWorker, type RunningWorker } from '../../src/app/start-workers.ts';
import { importMail } from '../../src/ingest/import-mail.ts';
import { startPoller, type RunningPoller } from '../../src/mailbox/imap-poller.ts';
import { mailboxKey } from '../../src/mailbox/mailbox-key.ts';
import { createPollerHeartbeat } from '../../src/mailbox/poller-heartbeat.ts';
import { checkServiceHealth } from '../../src/operations/health.ts';
import { createMetrics } from '../../src/operations/metrics.ts';
import { readPollerStates } from '../../src/operations/poller-state.ts';
import { waitForRuns } from '../../src/operations/wait-for-runs.ts';
import { createImportEnv, type ImportEnv } from '../helpers/import-env.ts';
import { loadMailSet } from '../helpers/mail-sets.ts';
import { sampleMailboxDir } from '../helpers/paths.ts';
import { createPipelineEnv, type PipelineEnv } from '../helpers/pipeline-env.ts';
import { uniqueId, waitFor } from '../helpers/services.ts';

const sample = loadMailSet('sample-mailbox', sampleMailboxDir);

/** The value of one series in Prometheus text, labels in any order; undefined when absent. */
function sample_(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '')
      .split(/,(?=\w+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (have === want) return Number(m[3]);
  }
  return undefined;
}

const mailboxCheck = async (env: { app: ImportEnv['app'] }) =>
  (await checkServiceHealth(env.app, 3_000)).checks.find((c) => c.name === 'mailbox')!;

describe('metrics over an imported mail set', () => {
  let t: ImportEnv;
  let worker: RunningWorker;
  let text: string;

  beforeAll(async () => {
    t = await createImportEnv('metrics');
    worker = startIngestWorker(t.app);
    const imported = await importMail(t.app, [sample.dir]);
    const runs = await waitForRuns(
      t.app,
      imported.map((m) => m.id),
      { timeoutMs: 240_000 },
    );
    expect([...runs.values()].every((r) => r === 'ok')).toBe(true);
    const page = await createMetrics(t.app).render();
    expect(page.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    text = page.body;
  });

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await t?.cleanup();
  });

  it('counts emails by source and kind', () => {
    const submissions = sample.items.filter((i) => i.expected.is_submission).length;
    expect(sample_(text, 'intake_emails_total', { source: 'import', kind: 'submission' })).toBe(submissions);
    expect(sample_(text, 'intake_emails_total', { source: 'import', kind: 'not_submission' })).toBe(sample.items.length - submissions);
    expect(sample_(text, 'intake_emails_total', { source: 'import', kind: 'pending' })).toBe(0);
    expect(sample_(text, 'intake_emails_total', { source: 'imap', kind: 'submission' })).toBe(0);
  });

  it('gives parse seconds and files by format, stored per attachment', async () => {
    const { rows } = await t.sql.query<{ format: string; n: string; ms: string }>(
      'SELECT format, count(*) AS n, sum(parse_ms) AS ms FROM attachments WHERE parse_ms IS NOT NULL GROUP BY format',
    );
    const docx = rows.find((r) => r.format === 'docx')!;
    expect(Number(docx.n)).toBeGreaterThan(0);
    expect(sample_(text, 'intake_parse_files_total', { format: 'docx' })).toBe(Number(docx.n));
    expect(sample_(text, 'intake_parse_seconds_sum', { format: 'docx' })).toBeCloseTo(Number(docx.ms) / 1000, 6);
    expect(sample_(text, 'intake_parse_seconds_sum', { format: 'docx' })).toBeGreaterThan(0);
    // Archives count their listing as their parse.
    expect(rows.map((r) => r.format)).toContain('zip');
  });

  it('gives jobs by queue and state, flags by code and replies by state', async () => {
    expect(sample_(text, 'intake_jobs', { queue: 'ingest', state: 'completed' })).toBe(sample.items.length);
    expect(sample_(text, 'intake_jobs', { queue: 'ingest', state: 'failed' })).toBe(0);
    expect(sample_(text, 'intake_jobs', { queue: 'ack', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(sample_(text, 'intake_queue_oldest_waiting_seconds', { queue: 'ingest' })).toBe(0);

    // Per-email flags, by code, as the mail set's expectations list them.
    const byCode = new Map<string, number>();
    for (const i of sample.items.filter((x) => x.expected.is_submission)) {
      for (const code of new Set(i.expected.flags.map((f) => f.split(':')[0]))) byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
    expect(byCode.get('LATE')).toBeGreaterThan(0);
    for (const [code, n] of byCode) expect(sample_(text, 'intake_email_flags', { code }), code).toBe(n);
    // Application flags: current applications only, each counted once per code.
    const { rows: apps } = await t.sql.query<{ flags: string[] }>('SELECT flags FROM applications WHERE active');
    for (const code of ['LATE', 'MISSING_ATTACHMENT']) {
      const n = apps.filter((a) => a.flags.some((f) => f.split(':')[0] === code)).length;
      expect(n, code).toBeGreaterThan(0);
      expect(sample_(text, 'intake_flags', { code }), code).toBe(n);
    }

    const { rows: replies } = await t.sql.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM ack_outbox GROUP BY state');
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(sample_(text, 'intake_replies', { state: r.state })).toBe(Number(r.n));
    expect(sample_(text, 'intake_replies', { state: 'sent' })).toBe(0);
  });

  it("includes the process's default metrics and says every source answered", () => {
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    for (const source of ['emails', 'parse_times', 'application_flags', 'email_flags', 'replies', 'queues', 'pollers']) {
      expect(sample_(text, 'intake_metrics_source_up', { source }), source).toBe(1);
    }
  });

  it('still answers when a source fails, leaving out only its series', async () => {
    const broken = { ...t.app.repos.metrics, replyCounts: () => Promise.reject(new Error('relation "ack_outbox" does not exist')) };
    const page = await createMetrics({ ...t.app, repos: { ...t.app.repos, metrics: broken } }).render();
    expect(sample_(page.body, 'intake_metrics_source_up', { source: 'replies' })).toBe(0);
    expect(page.body).not.toMatch(/^intake_replies\{/m);
    expect(sample_(page.body, 'intake_emails_total', { source: 'import', kind: 'submission' })).toBeGreaterThan(0);
  });

  it('reports the mailbox healthy as "not configured" where no IMAP is set', async () => {
    const health = await checkServiceHealth(t.app, 3_000);
    expect(health.ok).toBe(true);
    expect(health.checks.map((c) => [c.name, c.ok, c.detail])).toEqual([
      ['database', true, 'ok'],
      ['redis', true, 'ok'],
      ['mailbox', true, 'not configured'],
    ]);
  });
});

describe('poller heartbeat → /healthz and /metrics', () => {
  let env: PipelineEnv;
  let poller: RunningPoller | null = null;
  // Short beats so expiry takes seconds: stale after 3 × 200 ms, gone 1.5 s after the last write.
  const heartbeat = { intervalMs: 200, ttlMs: 1_500 };

  beforeAll(async () => {
    env = await createPipelineEnv(uniqueId('hb'));
  }, 240_000);

  afterAll(async () => {
    await poller?.stop().catch(() => undefined);
    await env?.cleanup();
  }, 60_000);

  it('is healthy while a poller is connected and shows its last UID; stop and expiry make it fail', async () => {
    expect(await mailboxCheck(env)).toMatchObject({ ok: false, detail: expect.stringMatching(/no poller has reported/) });

    poller = await startPoller(env.app, { backoff: { baseMs: 200, maxMs: 1000 }, heartbeat });
    const imap = await env.openImap();
    await imap.append(env.folder, sample.items[0].raw, [], new Date(sample.items[0].expected.received_at));
    await poller.firstSync;
    const mailbox = mailboxKey(env.config.imap);
    const state = await waitFor(
      async () => (await readPollerStates(env.app)).find((s) => s.mailbox === mailbox && s.lastUid === 1 && s.cursor?.lastUid === 1),
      30_000,
      'the poller to publish UID 1',
    );
    expect(state).toMatchObject({ heartbeat: true, stale: false, connected: true, folder: env.folder, pid: process.pid, lastError: null });
    expect(state.lastSuccessAt).toBeInstanceOf(Date);

    const check = await mailboxCheck(env);
    expect(check.ok).toBe(true);
    expect(check.detail).toMatch(/^connected; last success \d{4}-/);
    const metrics = (await createMetrics(env.app).render()).body;
    expect(sample_(metrics, 'intake_poller_connected', { mailbox })).toBe(1);
    expect(sample_(metrics, 'intake_poller_last_success_timestamp_seconds', { mailbox })).toBeCloseTo(
      state.lastSuccessAt!.getTime() / 1000,
      3,
    );

    // A standby poller for the same mailbox (waiting for the lock) publishes nothing, stop included.
    const standby = await startPoller(env.app, { skipCheck: true, heartbeat });
    await new Promise((r) => setTimeout(r, 300));
    await standby.stop();
    expect(await mailboxCheck(env)).toMatchObject({ ok: true });

    await poller.stop();
    poller = null;
    expect(await mailboxCheck(env)).toMatchObject({ ok: false, detail: expect.stringMatching(/not connected.*last success/) });
    const stopped = (await readPollerStates(env.app)).find((s) => s.mailbox === mailbox)!;
    expect(stopped).toMatchObject({ heartbeat: true, connected: false, lastUid: 1 });

    // Gone after its expiry; the cursor in PostgreSQL still gives the last UID.
    await waitFor(
      async () => ((await readPollerStates(env.app)).find((s) => s.mailbox === mailbox)?.heartbeat ? undefined : true),
      10_000,
      'expiry',
    );
    expect(await mailboxCheck(env)).toMatchObject({ ok: false, detail: expect.stringMatching(/no poller has reported/) });
    expect((await readPollerStates(env.app)).find((s) => s.mailbox === mailbox)).toMatchObject({
      heartbeat: false,
      stale: true,
      connected: false,
      lastUid: 1,
      cursor: { lastUid: 1 },
    });
    const after = (await createMetrics(env.app).render()).body;
    expect(sample_(after, 'intake_poller_connected', { mailbox })).toBe(0);
  }, 120_000);

  it('never lets a Redis it cannot reach break or hold up the poller', async () => {
    const warnings: string[] = [];
    const logger = env.app.logger.child({});
    logger.warn = ((_obj: unknown, msg: string) => void warnings.push(msg)) as typeof logger.warn;
    const beat = createPollerHeartbeat({ redisUrl: 'redis://127.0.0.1:1', queuePrefix: 'x', mailbox: 'm', host: 'h', folder: 'f', logger });
    const started = Date.now();
    beat.begin();
    beat.connected();
    beat.syncFailed(new Error('boom'));
    await beat.end();
    await beat.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(async () => (warnings.includes('publishing the poller state failed') ? true : undefined), 5_000, 'the warning');
  });

  it('calls a poller that stopped refreshing stale before Redis expires it', async () => {
    const beat = createPollerHeartbeat({
      redisUrl: env.config.redisUrl,
      queuePrefix: env.config.queuePrefix,
      mailbox: mailboxKey(env.config.imap),
      host: env.config.imap.host,
      folder: env.config.imap.folder,
      logger: env.app.logger,
      intervalMs: 100,
      ttlMs: 30_000,
    });
    try {
      beat.begin();
      beat.connected();
      beat.synced();
      await waitFor(async () => ((await mailboxCheck(env)).ok ? true : undefined), 5_000, 'a healthy mailbox');
      // A hung poller: no more writes, no stop either (abandon writes nothing).
      beat.abandon();
      await new Promise((r) => setTimeout(r, 500));
      expect(await mailboxCheck(env)).toMatchObject({ ok: false, detail: expect.stringMatching(/stale/) });
    } finally {
      await beat.close();
    }
  });
});
