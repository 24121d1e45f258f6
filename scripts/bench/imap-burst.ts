// IMAP burst latency: `intake start` (from dist/, IDLE on a fresh folder of the test Dovecot) and
// 50 emails APPENDed one after another; for each, APPEND returned → messages row committed
// (created_at) and → parsed (parsed_at), p50/p95/p99, and the process tree's RSS idle and at peak.
//
//   eval "$(bash scripts/services-up.sh)"; npx tsx scripts/bench/imap-burst.ts [--emails 50]
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import { benchEnv, corpusEmails, ensureBuild, percentile, sampleRss, sleep, startRole, treeRssMb, uniqueEmail } from './bench-lib.ts';

const { values } = parseArgs({ options: { emails: { type: 'string', default: '50' } } });
const n = Number(values.emails);
ensureBuild();
const imap = {
  host: process.env.IMAP_HOST || '127.0.0.1',
  port: Number(process.env.IMAP_PORT || 1143),
  user: process.env.IMAP_USER || 'intake',
  pass: process.env.IMAP_PASS || 'intake-pass',
};
const folder = `bench-${Date.now()}`;
const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.pass }, logger: false });
await client.connect();
await client.mailboxCreate(folder);

const b = await benchEnv('burst', {
  IMAP_HOST: imap.host,
  IMAP_PORT: String(imap.port),
  IMAP_TLS: 'false',
  IMAP_TLS_CA: '',
  IMAP_USER: imap.user,
  IMAP_PASS: imap.pass,
  IMAP_FOLDER: folder,
  POLL_INTERVAL_SECONDS: '300',
  WEB_PORT: '0',
});
const service = startRole('start', b.env);
const redis = new Redis(b.env.REDIS_URL!);
try {
  // Ready when the poller reports itself connected (its heartbeat in Redis).
  for (let i = 0; ; i++) {
    const keys = await redis.keys(`${b.env.QUEUE_PREFIX}:poller-state:*`);
    if (keys.length && (await redis.hget(keys[0]!, 'connected')) === '1') break;
    if (i > 240) throw new Error('the poller did not connect within 60 s');
    await sleep(250);
  }
  await sleep(3000);
  const idleMb = treeRssMb(service.pid!);
  const rss = sampleRss(() => [service.pid!]);
  const corpus = corpusEmails();
  const appended = new Map<number, number>();
  const runId = String(Date.now());
  for (let i = 0; i < n; i++) {
    const r = await client.append(folder, uniqueEmail(corpus[i % corpus.length]!, runId, i), [], new Date());
    if (!r || !r.uid) throw new Error('APPEND returned no UID (UIDPLUS)');
    appended.set(r.uid, Date.now());
  }
  let rows: { uid: string; created: string; parsed: string | null }[] = [];
  for (let i = 0; ; i++) {
    rows = (
      await b.sql.query(
        `SELECT uid::text AS uid, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM parsed_at) * 1000 AS parsed
         FROM messages WHERE mailbox LIKE $1`,
        [`%${folder}`],
      )
    ).rows;
    if (rows.length >= n && rows.every((r) => r.parsed)) break;
    if (i > 2400) throw new Error(`only ${rows.length} rows after 10 minutes`);
    await sleep(250);
  }
  const peakMb = rss.stop();
  const toRow = rows.map((r) => Number(r.created) - appended.get(Number(r.uid))!);
  const toParsed = rows.map((r) => Number(r.parsed) - appended.get(Number(r.uid))!);
  const fmt = (v: number[]) => [50, 95, 99].map((p) => `${(percentile(v, p) / 1000).toFixed(2)} s`).join(' | ');
  process.stdout.write(
    [
      '| measure | p50 | p95 | p99 |',
      '| --- | ---: | ---: | ---: |',
      `| APPEND → row committed | ${fmt(toRow)} |`,
      `| APPEND → parsed | ${fmt(toParsed)} |`,
      '',
      `emails: ${n}; \`intake start\` RSS (with parse processes): idle ${idleMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB`,
      '',
    ].join('\n'),
  );
} finally {
  service.kill('SIGTERM');
  await new Promise((r) => service.once('exit', r));
  redis.disconnect();
  await client.mailboxDelete(folder).catch(() => undefined);
  await client.logout();
  await b.cleanup();
}
