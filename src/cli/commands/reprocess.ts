// `intake reprocess [--failed] [--all] [--wait|--work] [ID ...]`: runs the ingest job again for
// messages already recorded — those that failed for good (after a fix or a transient outage that
// outlasted the retries) or were left fetched/processing for longer than a job's lock (their
// worker died and the job was lost), or all of them (after a parser or rule change). The job is idempotent:
// it replaces the message's attachments, submission and flags in place, and nothing is fetched again.
import { parseArgs } from 'node:util';
import { bootstrap } from '../../app/bootstrap.ts';
import { waitForMessages } from '../../ingest/import-mail.ts';
import { INGEST_LOCK_DURATION_MS } from '../../queue/job-options.ts';
import { ingestJobId, JobName } from '../../queue/jobs.ts';
import { startIngestWorker } from '../../../workers/ingest-worker.ts';

const USAGE = 'usage: intake reprocess [--failed] [--all] [--wait|--work] [--timeout SECONDS] [MESSAGE_ID ...]\n';

export async function runReprocess(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        failed: { type: 'boolean' },
        all: { type: 'boolean' },
        wait: { type: 'boolean' },
        work: { type: 'boolean' },
        timeout: { type: 'string' },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.some((p) => !/^\d+$/.test(p)) || (!values.failed && !values.all && positionals.length === 0)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const app = await bootstrap('import');
  const worker = values.work ? startIngestWorker(app) : null;
  try {
    const ids = new Set(positionals);
    if (values.all) {
      for (const id of await app.repos.messages.idsWithStatus(['fetched', 'processing', 'parsed', 'failed'])) ids.add(id);
    } else if (values.failed) {
      for (const id of await app.repos.messages.idsWithStatus(['failed'])) ids.add(id);
      // Untouched for longer than a job may hold its lock: no live job owns them any more. A row
      // that merely waits in a long backlog may be run twice; ingest is idempotent, so that is safe.
      for (const id of await app.repos.messages.idsStuck(INGEST_LOCK_DURATION_MS)) ids.add(id);
    }
    // One stamp per run: re-running the command adds new jobs, but one run never adds a message twice.
    const stamp = String(Date.now());
    for (const messageId of ids) {
      await app.queues.add(
        { name: JobName.IngestMessage, data: { messageId, reason: 'reprocess' } },
        { jobId: ingestJobId(messageId, 'reprocess', stamp) },
      );
    }
    process.stdout.write(`queued ${ids.size} message(s) for reprocessing\n`);
    if (!values.wait && !values.work) return 0;
    const result = await waitForMessages(app, [...ids], { timeoutMs: Number(values.timeout ?? 600) * 1000 });
    const failed = [...result].filter(([, status]) => status === 'failed').map(([id]) => id);
    for (const id of failed) process.stderr.write(`failed: message ${id}\n`);
    process.stdout.write(`processed ${result.size} message(s), ${failed.length} failed\n`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await worker?.close();
    await app.close();
  }
}
