// `intake reprocess [--failed] [--all] [--wait|--work] [ID ...]`: a thin caller of
// src/operations/reprocess.ts. With --wait/--work it counts what the requested runs really did:
// a failed re-run of a message parsed before is a failure, and the exit code says so.
import { parseArgs } from 'node:util';
import { bootstrap } from '../../app/bootstrap.ts';
import { startIngestWorker } from '../../app/start-workers.ts';
import { cliActor } from '../../operations/audit.ts';
import { reprocessMessages, waitForReprocess } from '../../operations/reprocess.ts';

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
    const { ids, requestedAt } = await reprocessMessages(
      app,
      { ids: positionals, failed: values.failed, all: values.all },
      { requestedBy: cliActor().name },
    );
    process.stdout.write(`queued ${ids.length} message(s) for reprocessing\n`);
    if (!values.wait && !values.work) return 0;
    const outcomes = await waitForReprocess(app, ids, requestedAt, { timeoutMs: Number(values.timeout ?? 600) * 1000 });
    const failed = ids.filter((id) => outcomes.get(id) === 'failed');
    for (const id of failed) process.stderr.write(`failed: message ${id}\n`);
    process.stdout.write(`processed ${outcomes.size} message(s), ${failed.length} failed\n`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await worker?.close();
    await app.close();
  }
}
