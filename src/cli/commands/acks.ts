// `intake acks list [--state S] [--message ID]` | `release ID…` | `resend ID…`: the operators'
// view of acknowledgements until the dashboard has it. Thin: src/operations/acks.ts does the work.
import { parseArgs } from 'node:util';
import { bootstrap } from '../../app/bootstrap.ts';
import type { AckState } from '../../db/ack-outbox-repo.ts';
import { listAcks, releaseAck, resendAck } from '../../operations/acks.ts';

const USAGE =
  'usage: intake acks list [--state held|queued|sending|sent|failed|suppressed|dry_run|unknown] [--message ID] [--limit N]\n       intake acks release ID [ID ...]\n       intake acks resend ID [ID ...]\n';
const STATES = ['held', 'queued', 'sending', 'sent', 'failed', 'suppressed', 'dry_run', 'unknown'];

export async function runAcks(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { state: { type: 'string' }, message: { type: 'string' }, limit: { type: 'string' }, by: { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const badIds = positionals.some((p) => !/^\d+$/.test(p));
  if (
    !action ||
    !['list', 'release', 'resend'].includes(action) ||
    badIds ||
    (action !== 'list' && positionals.length === 0) ||
    (values.state && !STATES.includes(values.state))
  ) {
    process.stderr.write(USAGE);
    return 2;
  }
  const app = await bootstrap('import');
  const by = values.by ?? `cli:${process.env.USER ?? 'operator'}`;
  try {
    if (action === 'list') {
      const rows = await listAcks(app, {
        state: values.state as AckState | undefined,
        messageId: values.message,
        limit: Number(values.limit ?? 100),
      });
      process.stdout.write(['id', 'message', 'kind', 'state', 'reference', 'to', 'sent_at', 'reason'].join('\t') + '\n');
      if (rows.length === 0) process.stderr.write('(no acknowledgements)\n');
      for (const r of rows) {
        process.stdout.write(
          `${[r.id, r.messageId, r.kind, r.state, r.reference, r.toAddress ?? '-', r.sentAt?.toISOString() ?? '-', r.reason ?? ''].join('\t')}\n`,
        );
      }
      return 0;
    }
    let failures = 0;
    for (const id of positionals) {
      try {
        if (action === 'release') {
          const ok = await releaseAck(app, id, by);
          process.stdout.write(ok ? `released ${id}\n` : `not held: ${id}\n`);
          if (!ok) failures++;
        } else {
          const row = await resendAck(app, id, by);
          process.stdout.write(`resend of ${id} recorded as ${row.id} (${row.state})\n`);
        }
      } catch (err) {
        failures++;
        process.stderr.write(`${id}: ${(err as Error).message}\n`);
      }
    }
    return failures > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}
