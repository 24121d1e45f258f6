// Resident memory of each role at rest (from dist/, 8 s after start, parse processes included),
// and `intake extract` on one ordinary email: wall time and peak RSS, from dist/ and from the
// TypeScript sources through tsx.
//
//   eval "$(bash scripts/services-up.sh)"; npx tsx scripts/bench/roles.ts
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchEnv, ensureBuild, percentile, root, sampleRss, sleep, startRole, treeRssMb } from './bench-lib.ts';

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
const lines = ['| role (dist/) | RSS at rest |', '| --- | ---: |'];
try {
  for (const role of ['poller', 'worker', 'web', 'start']) {
    const p = startRole(role, b.env);
    await sleep(8000);
    lines.push(`| \`intake ${role}\` | ${treeRssMb(p.pid!).toFixed(0)} MB |`);
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
  }
} finally {
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
