// What an operator can do with acknowledgements (CLI now, the dashboard later): see them, release
// held ones (mail that arrived before ACK_SINCE, or over a recipient's daily limit), and resend one
// — a new, explicit send with a Message-ID of its own, recorded with who asked.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { queueAck } from '../ack/queue-ack.ts';
import type { AckRow, AckState } from '../db/ack-outbox-repo.ts';
import { recordAudit } from './audit.ts';

export function listAcks(app: AppContext, filter: { state?: AckState; messageId?: string; limit?: number }): Promise<AckRow[]> {
  return app.repos.acks.list(filter);
}

export async function releaseAck(app: AppContext, id: string, by: string, clientIp?: string | null): Promise<boolean> {
  const released = await app.repos.acks.release(id, by);
  if (released) {
    await recordAudit(app, { name: by, ip: clientIp }, { action: 'ack.release', target: `ack:${id}` });
    await queueAck(app, id);
  }
  return released;
}

export async function resendAck(app: AppContext, id: string, by: string, clientIp?: string | null): Promise<AckRow> {
  const original = await app.repos.acks.findById(id);
  if (!original) throw new Error(`acknowledgement ${id} does not exist`);
  // A suppressed reply (not a submission, an auto-reply, a list, a robot) is never sent, not even
  // by hand: its content would be false and it could start a mail loop. Held ones are released.
  if (original.state === 'suppressed')
    throw new Error(`acknowledgement ${id} was suppressed (${original.reason ?? 'policy'}); it cannot be resent`);
  if (original.state === 'held') throw new Error(`acknowledgement ${id} is held; release it instead`);
  if (!original.toAddress) throw new Error(`acknowledgement ${id} has no valid recipient`);
  const domain = original.fromAddress.split('@')[1] || 'intake.invalid';
  const row = await app.repos.acks.insertResend({
    ...original,
    kind: 'resend',
    state: app.config.ack.mode === 'send' ? 'queued' : 'dry_run',
    reason: `resent by ${by} (copy of #${original.id})`,
    messageIdHeader: `ack.${original.messageId}.${randomUUID()}@${domain}`,
    requestedBy: by,
  });
  await recordAudit(
    app,
    { name: by, ip: clientIp },
    { action: 'ack.resend', target: `ack:${original.id}`, detail: { resend: row.id, messageId: original.messageId, state: row.state } },
  );
  if (row.state === 'queued') await queueAck(app, row.id);
  return row;
}
