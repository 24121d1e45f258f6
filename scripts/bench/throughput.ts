// End-to-end throughput: N emails built from the corpus (unique Message-IDs) are accepted into a
// fresh database (`intake import`, enqueue only), then W `intake worker` processes from dist/
// drain the queue; emails per second from the first job to the last committed run, and the
// workers' peak RSS (with their parse processes). Runs W = 1 and 2 by default.
//
//   npx tsx scripts/bench/throughput.ts [--emails 2000] [--workers 1,2] [--concurrency 2]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchEnv, corpusEmails, ensureBuild, run, sampleRss, sleep, startRole, treeCpuSeconds, uniqueEmail } from './bench-lib.ts';

const { values } = parseArgs({
  options: { emails: { type: 'string', default: '2000' }, workers: { type: 'string', default: '1,2' }, concurrency: { type: 'string' } },
});
const n = Number(values.emails);
const counts = values.workers!.split(',').map(Number);
ensureBuild();

const corpus = corpusEmails();
const runId = String(Date.now());
const dir = join(tmpdir(), `intake-bench-mail-${runId}`);
mkdirSync(dir, { recursive: true });
for (let i = 0; i < n; i++)
  writeFileSync(join(dir, `${String(i).padStart(5, '0')}.eml`), uniqueEmail(corpus[i % corpus.length]!, runId, i));
process.stderr.write(`[bench] ${n} emails from ${corpus.length} corpus emails in ${dir}\n`);

const results: string[] = [];
for (const w of counts) {
  const extra: Record<string, string> = values.concurrency ? { WORKER_CONCURRENCY: values.concurrency } : {};
  const b = await benchEnv(`tp${w}`, extra);
  try {
    const t0 = performance.now();
    await run(['import', dir], b.env);
    const acceptS = (performance.now() - t0) / 1000;
    const started = Date.now();
    const workers = Array.from({ length: w }, () => startRole('worker', b.env));
    const rss = sampleRss(() => workers.map((p) => p.pid!).filter(Boolean));
    let done = 0;
    for (;;) {
      done = Number((await b.sql.query("SELECT count(*) AS n FROM messages WHERE status = 'done'")).rows[0].n);
      if (done >= n) break;
      await sleep(250);
    }
    const { rows } = await b.sql.query(
      "SELECT extract(epoch FROM max(last_run_at) - min(run_started_at)) AS span, count(*) FILTER (WHERE last_run = 'failed') AS failed FROM messages",
    );
    const wall = (Date.now() - started) / 1000;
    const peak = rss.stop();
    // Cores kept busy on average: CPU seconds of the worker trees over the wall time.
    const cores = workers.reduce((sum, p) => sum + treeCpuSeconds(p.pid!), 0) / wall;
    for (const p of workers) p.kill('SIGTERM');
    await Promise.all(workers.map((p) => new Promise((r) => p.once('exit', r))));
    const span = Number(rows[0].span);
    const line = `| ${w} | ${n} | ${acceptS.toFixed(1)} s | ${span.toFixed(1)} s | ${(n / span).toFixed(1)} | ${wall.toFixed(1)} s | ${rows[0].failed} | ${peak.toFixed(0)} MB | ${cores.toFixed(2)} |`;
    results.push(line);
    process.stderr.write(`${line}\n`);
  } finally {
    await b.cleanup();
  }
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  [
    '| worker processes | emails | accept (import) | first run → last commit | emails/s | wall (spawn → all done) | failed | peak RSS (workers + parse processes) | cores busy (CPU s / wall s) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results,
    '',
  ].join('\n'),
);
