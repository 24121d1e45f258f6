// `intake applications list | show ID | review ID STATE --by NAME [--comment TEXT]`: thin callers
// of src/operations/ (read-applications.ts, review-application.ts).
import { parseArgs } from 'node:util';
import { bootstrap } from '../../app/bootstrap.ts';
import { listApplications, showApplication } from '../../operations/read-applications.ts';
import { ReviewError, reviewApplication } from '../../operations/review-application.ts';

const USAGE = 'usage: intake applications list | show ID | review ID 待审核|已通过|退回补充|不予受理 --by NAME [--comment TEXT]\n';

export async function runApplications(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { by: { type: 'string' }, comment: { type: 'string' } } });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [action, id, state] = parsed.positionals;
  const valid = action === 'list' || (action === 'show' && id) || (action === 'review' && id && state && parsed.values.by);
  if (!valid) {
    process.stderr.write(USAGE);
    return 2;
  }
  const app = await bootstrap('import');
  try {
    if (action === 'list') {
      const list = await listApplications(app);
      process.stdout.write(['id', 'review', 'complete', 'emails', 'unit', 'flags'].join('\t') + '\n');
      if (list.length === 0) process.stderr.write('(no applications)\n');
      for (const a of list) {
        const complete = a.complete ? (a.completeOnTime ? '齐全' : '齐全(逾期)') : '不齐全';
        process.stdout.write(
          `${a.id}\t${a.reviewState}\t${complete}\t${a.members.length}封\t${a.unitName ?? '（单位不详）'}\t${a.flags.join(' ')}\n`,
        );
      }
      return 0;
    }
    if (action === 'show') {
      const found = await showApplication(app, id);
      if (!found) {
        process.stderr.write(`no application ${id}\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      return 0;
    }
    try {
      const r = await reviewApplication(app, {
        applicationId: id,
        state,
        reviewedBy: parsed.values.by as string,
        comment: parsed.values.comment ?? null,
      });
      process.stdout.write(`application ${r.applicationId}: ${r.from} -> ${r.to}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof ReviewError)) throw err;
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
  } finally {
    await app.close();
  }
}
