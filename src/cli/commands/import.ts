// `intake import [--wait] [--work] [--timeout SECONDS] FILE.eml|DIR|MBOX ...`
//   --wait  return only when every imported message is processed (needs a running worker)
//   --work  run an ingest worker in this process until done (implies --wait; demo and tests)
import { parseArgs } from 'node:util';
import { bootstrap } from '../../app/bootstrap.ts';
import { startIngestWorker } from '../../app/start-workers.ts';
import { importMail } from '../../ingest/import-mail.ts';
import { waitForRuns } from '../../operations/wait-for-runs.ts';

const USAGE = 'usage: intake import [--wait] [--work] [--timeout SECONDS] FILE.eml|DIR|MBOX ...\n';

export async function runImport(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { wait: { type: 'boolean' }, work: { type: 'boolean' }, timeout: { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const app = await bootstrap('import');
  const worker = values.work ? startIngestWorker(app) : null;
  try {
    const imported = await importMail(app, positionals);
    const fresh = imported.filter((m) => !m.duplicate).length;
    process.stdout.write(`accepted ${imported.length} message(s): ${fresh} new, ${imported.length - fresh} already known\n`);
    if (!values.wait && !values.work) return 0;
    const timeoutMs = Number(values.timeout ?? 600) * 1000;
    const outcomes = await waitForRuns(
      app,
      imported.map((m) => m.id),
      { timeoutMs },
    );
    const failed = imported.filter((m) => outcomes.get(m.id) === 'failed');
    for (const m of failed) process.stderr.write(`failed: ${m.label} (message ${m.id})\n`);
    process.stdout.write(`processed ${outcomes.size} message(s), ${failed.length} failed\n`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await worker?.close();
    await app.close();
  }
}
