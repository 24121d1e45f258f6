// Resident memory of each role at rest (from dist/, 8 s after start, parse processes included)
// and at its busiest (the poller during a 50-email APPEND burst, the dashboard under 400 requests),
// and `intake extract` on one ordinary email: wall time and peak RSS, from dist/ and from the
// TypeScript sources through tsx.
//
//   eval "$(bash scripts/services-up.sh)"; npx tsx scripts/bench/roles.ts
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImapFlow } from 'imapflow';
import { benchEnv, corpusEmails, ensureBuild, percentile, root, sampleRss, sleep, startRole, treeRssMb, uniqueEmail } from './bench-lib.ts';

ensureBuild();
const b = await benchEnv('roles', {
  IMAP_HOST: process.env.IMAP_HOST || '127.0.0.1',
  IMAP_PORT: process.env.IMAP_PORT || '1143',
  IMAP_TLS: 'false',
  IMAP_TLS_CA: '',
  IMAP_USER: process.env.IMAP_USER || 'intake',
  IMAP_PASS: process.env.IMAP_PASS || 'intake-pass',
  WEB_PORT: '0',
});
const lines = ['| role (dist/) | RSS at rest | at peak | peak under |', '| --- | ---: | ---: | --- |'];
const folder = `bench-roles-${Date.now()}`;
const imap = new ImapFlow({
  host: b.env.IMAP_HOST!,
  port: Number(b.env.IMAP_PORT),
  secure: false,
  auth: { user: b.env.IMAP_USER!, pass: b.env.IMAP_PASS! },
  logger: false,
});
await imap.connect();
await imap.mailboxCreate(folder);
const webPort = 18000 + Math.floor(Math.random() * 1000);
const env = { ...b.env, IMAP_FOLDER: folder, WEB_PORT: String(webPort), INTAKE_OCR: 'off' };
const corpus = corpusEmails();

/** What each role does at its busiest, short of the worker's drain (scripts/bench/throughput.ts). */
// The poller goes last: the mail it records would otherwise keep the next role busy.
const loads: Record<string, { what: string; run(): Promise<void> }> = {
  poller: {
    what: '50 emails APPENDed (stored and inserted)',
    async run() {
      const runId = String(Date.now());
      for (let i = 0; i < 50; i++) await imap.append(folder, uniqueEmail(corpus[i % corpus.length]!, runId, i), [], new Date());
      for (let i = 0; i < 600; i++) {
        if (Number((await b.sql.query('SELECT count(*) AS n FROM messages')).rows[0].n) >= 50) return;
        await sleep(100);
      }
    },
  },
  web: {
    what: '400 requests, 8 at a time (/metrics, /healthz, /login)',
    async run() {
      const urls = ['/metrics', '/healthz', '/login'];
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < 400) {
            const url = urls[next++ % urls.length]!;
            await fetch(`http://127.0.0.1:${webPort}${url}`).then((r) => r.arrayBuffer());
          }
        }),
      );
    },
  },
};

try {
  for (const role of ['worker', 'web', 'start', 'poller']) {
    const p = startRole(role, env);
    await sleep(8000);
    const rest = treeRssMb(p.pid!);
    const load = loads[role];
    let peak = '—';
    if (load) {
      const rss = sampleRss(() => [p.pid!], 50);
      await load.run();
      peak = `${rss.stop().toFixed(0)} MB`;
    }
    lines.push(`| \`intake ${role}\` | ${rest.toFixed(0)} MB | ${peak} | ${load?.what ?? 'see throughput / burst'} |`);
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
  }
} finally {
  await imap.mailboxDelete(folder).catch(() => undefined);
  await imap.logout();
  await b.cleanup();
}

// The smallest corpus submission email with all five materials is a fair "ordinary" one; fall
// back to the project's sample mailbox.
const dirs = [resolve(root, '../shared/corpus'), resolve(root, 'test/fixtures/sample-mailbox')];
const dir = dirs.find((d) => {
  try {
    return statSync(d).isDirectory();
  } catch {
    return false;
  }
})!;
const emails = readdirSync(dir)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => ({ f: join(dir, f), size: statSync(join(dir, f)).size }))
  .sort((a, b) => a.size - b.size);
const email = emails[Math.floor(emails.length / 2)]!.f;

async function extractOnce(dist: boolean): Promise<{ ms: number; mb: number }> {
  const started = performance.now();
  const p = spawn('node', [join(root, 'bin/intake.js'), 'extract', email], {
    env: { ...process.env, INTAKE_USE_DIST: dist ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const rss = sampleRss(() => [p.pid!], 20);
  await new Promise((r) => p.once('exit', r));
  return { ms: performance.now() - started, mb: rss.stop() };
}
lines.push('', `\`intake extract\` on ${email.split('/').pop()} (median of 5; peak RSS of the process tree, sampled every 20 ms):`, '');
lines.push('| from | wall time | peak RSS |', '| --- | ---: | ---: |');
for (const dist of [true, false]) {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await extractOnce(dist));
  lines.push(
    `| ${dist ? 'dist/ (INTAKE_USE_DIST=1)' : 'sources (tsx)'} | ${(
      percentile(
        runs.map((r) => r.ms),
        50,
      ) / 1000
    ).toFixed(2)} s | ${percentile(
      runs.map((r) => r.mb),
      50,
    ).toFixed(0)} MB |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
