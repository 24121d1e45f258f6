// The poller under the failures that happen in production: the server drops the connection,
// a second poller starts for the same mailbox, and the operator asks for processed mail to be
// moved. Real Dovecot, Redis and PostgreSQL; the ingest worker is not needed (rows are
// committed by the poller's first step).
import { execFileSync } from 'node:child_process';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPoller, type RunningPoller } from '../../src/mailbox/imap-poller.ts';
import { loadMailSet } from '../helpers/mail-sets.ts';
import { sampleMailboxDir } from '../helpers/paths.ts';
import { createPipelineEnv, type PipelineEnv } from '../helpers/pipeline-env.ts';
import { uniqueId, waitFor } from '../helpers/services.ts';

const sample = loadMailSet('sample-mailbox', sampleMailboxDir).items;
const fast = { backoff: { baseMs: 200, maxMs: 1000 }, lockTtlMs: 2000 };
const rowCount = async (env: PipelineEnv) => Number((await env.sql.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0].n);
const waitRows = (env: PipelineEnv, n: number) =>
  waitFor(async () => ((await rowCount(env)) >= n ? true : undefined), 60_000, `${n} message rows`, 50);

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
