// The poller under the failures that happen in production: the server drops the connection
// (between messages, and in the middle of a FETCH), a second poller starts for the same mailbox,
// a poller is killed with SIGKILL and restarted, the folder's UIDVALIDITY changes, and the
// operator asks for processed mail to be moved. Real Dovecot, Redis and PostgreSQL; the ingest
// worker is not needed (rows are committed by the poller's first step). Each ends with every
// email recorded exactly once.
import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPoller, type RunningPoller } from '../../src/mailbox/imap-poller.ts';
import { mailboxKey } from '../../src/mailbox/mailbox-key.ts';
import { burstMail } from '../helpers/burst-mail.ts';
import { loadMailSet } from '../helpers/mail-sets.ts';
import { projectRoot, sampleMailboxDir } from '../helpers/paths.ts';
import { createPipelineEnv, type PipelineEnv } from '../helpers/pipeline-env.ts';
import { uniqueId, waitFor } from '../helpers/services.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const sample = loadMailSet('sample-mailbox', sampleMailboxDir).items;
const fast = { backoff: { baseMs: 200, maxMs: 1000 }, lockTtlMs: 2000 };
const rowCount = async (env: PipelineEnv) => Number((await env.sql.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0].n);
const waitRows = (env: PipelineEnv, n: number) =>
  waitFor(async () => ((await rowCount(env)) >= n ? true : undefined), 60_000, `${n} message rows`, 50);
/** Every row a distinct email: no raw message recorded twice. */
const distinctRaw = async (env: PipelineEnv) =>
  Number((await env.sql.query<{ n: string }>('SELECT count(DISTINCT raw_sha256) AS n FROM messages')).rows[0].n);

describe('poller resilience', () => {
  let env: PipelineEnv;
  let imap: ImapFlow;
  const pollers: RunningPoller[] = [];

  beforeAll(async () => {
    env = await createPipelineEnv(uniqueId('res'));
    imap = await env.openImap();
  }, 240_000);

  afterAll(async () => {
    for (const p of pollers) await p.stop().catch(() => undefined);
    await env?.cleanup();
  }, 60_000);

  it('reconnects with a new client after the server drops every connection', async () => {
    const poller = await startPoller(env.app, fast);
    pollers.push(poller);
    await imap.append(env.folder, sample[0].raw, [], new Date(sample[0].expected.received_at));
    await waitRows(env, 1);

    // Dovecot disconnects every session of the user (the poller's and our own).
    execFileSync('doveadm', ['-c', `${env.dovecot.DOVECOT_DIR}/dovecot.conf`, 'kick', env.config.imap.user], { stdio: 'pipe' });
    imap = await env.openImap();
    await imap.append(env.folder, sample[1].raw, [], new Date(sample[1].expected.received_at));
    await waitRows(env, 2);
    expect(await rowCount(env)).toBe(2);
  }, 120_000);

  it('keeps a second poller for the same mailbox on standby until the first stops', async () => {
    const standby = await startPoller(env.app, { ...fast, skipCheck: true });
    pollers.push(standby);
    let standbySynced = false;
    void standby.firstSync.then(() => (standbySynced = true));
    await imap.append(env.folder, sample[2].raw, [], new Date(sample[2].expected.received_at));
    await waitRows(env, 3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(standbySynced).toBe(false);

    await pollers[0].stop();
    await imap.append(env.folder, sample[3].raw, [], new Date(sample[3].expected.received_at));
    await standby.firstSync; // took the lock once the first poller released it
    await waitRows(env, 4);
    expect(await rowCount(env)).toBe(4);
  }, 120_000);

  it('takes over from a poller killed with SIGKILL within seconds, not after the lock TTL', async () => {
    for (const p of pollers.splice(0)) await p.stop();
    const { config, dovecot } = env;
    const child = spawn('node', [resolve(projectRoot, 'bin/intake.js'), 'poller'], {
      cwd: projectRoot,
      stdio: 'ignore',
      env: {
        ...process.env,
        IMAP_HOST: dovecot.IMAP_HOST,
        IMAP_PORT: dovecot.IMAP_PORT,
        IMAP_TLS: 'false',
        IMAP_USER: dovecot.IMAP_USER,
        IMAP_PASS: dovecot.IMAP_PASS,
        IMAP_FOLDER: env.folder,
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        QUEUE_PREFIX: config.queuePrefix,
        STORAGE_DIR: config.storageDir,
        LOG_LEVEL: 'silent',
      },
    });
    const lockKey = `${config.queuePrefix}:poller-lock:${mailboxKey(config.imap)}`;
    try {
      await waitFor(
        async () => ((await env.app.redis.get(lockKey))?.includes(` ${child.pid} `) ? true : undefined),
        60_000,
        'the child poller to hold the mailbox lock',
        100,
      );
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    // The dead poller's lock would stand for its whole TTL (15 s); the restarted one sees the
    // holder's process is gone and takes it at once.
    const started = Date.now();
    const restarted = await startPoller(env.app, { skipCheck: true, backoff: fast.backoff });
    pollers.push(restarted);
    await imap.append(env.folder, sample[4].raw, [], new Date(sample[4].expected.received_at));
    await restarted.firstSync;
    expect(Date.now() - started).toBeLessThan(8_000);
    await waitRows(env, 5);
    expect(await rowCount(env)).toBe(5);
  }, 120_000);

  it('rescans after a UIDVALIDITY change and records only the new email', async () => {
    // The folder is deleted and created again (a new UIDVALIDITY) with the same emails plus one.
    const before = (await env.sql.query<{ uidvalidity: string }>('SELECT uidvalidity::text FROM mailbox_cursors')).rows[0]!.uidvalidity;
    imap = await env.openImap();
    await imap.mailboxDelete(env.folder);
    await imap.mailboxCreate(env.folder);
    const fresh = burstMail([sampleMailboxDir], 1, `uidv-${env.id}`)[0]!;
    for (const item of sample) await imap.append(env.folder, item.raw, [], new Date(item.expected.received_at));
    await imap.append(env.folder, fresh.raw, [], fresh.receivedAt);
    await waitRows(env, 6);
    const cursor = await waitFor(
      async () => {
        const row = (
          await env.sql.query<{ uidvalidity: string; last_uid: string }>('SELECT uidvalidity::text, last_uid::text FROM mailbox_cursors')
        ).rows[0]!;
        return row.uidvalidity !== before && Number(row.last_uid) === sample.length + 1 ? row : undefined;
      },
      60_000,
      'the cursor to move to the new UIDVALIDITY',
    );
    expect(cursor.uidvalidity).not.toBe(before);
    expect(await rowCount(env)).toBe(6);
    expect(await distinctRaw(env)).toBe(6);
  }, 120_000);
});

describe('IMAP connection dropped in the middle of a FETCH', () => {
  let env: PipelineEnv;
  let proxy: TcpProxy;
  let poller: RunningPoller | null = null;

  beforeAll(async () => {
    env = await createPipelineEnv(uniqueId('cut'));
    // The poller reaches Dovecot through a proxy that can cut the connection mid-transfer.
    proxy = await startTcpProxy({ host: env.dovecot.IMAP_HOST, port: Number(env.dovecot.IMAP_PORT) });
  }, 240_000);

  afterAll(async () => {
    await poller?.stop().catch(() => undefined);
    await env?.cleanup();
    await proxy?.close();
  }, 60_000);

  it('reconnects, fetches the message again and records it once', async () => {
    const imap = await env.openImap();
    // A 1.5 MB email first (its FETCH is cut a third of the way through), then two ordinary ones.
    const big = Buffer.from(
      `From: a@example.cn\r\nTo: ssjjsjzlc@163.com\r\nSubject: big\r\nMessage-ID: <big-${env.id}@fault-drill.invalid>\r\n\r\n${'0123456789abcdef'.repeat(96_000).replace(/(.{76})/g, '$1\r\n')}\r\n`,
    );
    await imap.append(env.folder, big, [], new Date('2025-11-03T01:00:00Z'));
    for (const item of sample.slice(0, 2)) await imap.append(env.folder, item.raw, [], new Date(item.expected.received_at));
    proxy.cutAfter(500_000);
    poller = await startPoller({ ...env.app, config: { ...env.app.config, imap: { ...env.app.config.imap, port: proxy.port } } }, fast);
    await waitRows(env, 3);
    expect(proxy.cut).toBeGreaterThan(0);
    expect(proxy.accepted).toBeGreaterThan(1); // it reconnected
    expect(await rowCount(env)).toBe(3);
    const sizes = (await env.sql.query<{ raw_size: number }>('SELECT raw_size FROM messages ORDER BY uid')).rows.map((r) => r.raw_size);
    expect(sizes[0]).toBe(big.length); // stored whole, not the part received before the cut
  }, 120_000);
});

describe('IMAP_MOVE_TO', () => {
  let env: PipelineEnv;
  let poller: RunningPoller | null = null;

  beforeAll(async () => {
    const id = uniqueId('mv');
    env = await createPipelineEnv(id, { IMAP_MOVE_TO: `it-${id}-done` });
  }, 240_000);

  afterAll(async () => {
    await poller?.stop().catch(() => undefined);
    await env?.cleanup();
  }, 60_000);

  it('moves each email only after its row is committed', async () => {
    const imap = await env.openImap();
    for (const item of sample.slice(0, 3)) await imap.append(env.folder, item.raw, [], new Date(item.expected.received_at));
    poller = await startPoller(env.app, fast);
    await waitRows(env, 3);
    await waitFor(
      async () => {
        const s = await imap.status(env.folder, { messages: true });
        return s && s.messages === 0 ? true : undefined;
      },
      30_000,
      'source folder empty',
    );
    const done = await imap.status(env.config.imap.moveTo!, { messages: true });
    expect(done && done.messages).toBe(3);
    expect(await rowCount(env)).toBe(3);
  }, 120_000);
});
