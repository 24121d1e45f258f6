// The acknowledgement's intent, written inside the transaction that records the submission:
// the reply policy's decision, the rendered reply and a Message-ID of its own, keyed by the
// message so a retry, a reprocess or a re-judge finds the row there and never writes a second
// one. Sending is the mailer's job (send-ack.ts); this only decides and renders.
import { randomUUID } from 'node:crypto';
import type { AckConfig } from '../config/env.ts';
import type { Campaign } from '../campaign/campaign.ts';
import type { AckState } from '../db/ack-outbox-repo.ts';
import type { Queryable } from '../db/pool.ts';
import type { Repos } from '../db/repos.ts';
import type { ApplicationContent } from '../applications/application-content.ts';
import { APPLICATION_FLAG_CODES, isComplete } from '../applications/application-flags.ts';
import type { Extraction, Flag } from '../types.ts';
import { baseCode, buildAckView, MATERIAL_ORDER, type AckFacts, type AckMaterialKind, type HeldMaterial } from './ack-view.ts';
import { renderReply } from './render-reply.ts';
import { decideReply } from './reply-policy.ts';

export const ACK_ENABLED_AT = 'ack_enabled_at';

export type AckIntentInput = {
  messageRowId: string;
  receivedAt: Date | null;
  extraction: Extraction;
  isSubmission: boolean;
  /** This email's flags (used until the unit's application is known). */
  flags: Flag[];
  /** What the bureau holds from the unit after this email, and its problems; defaults to this email alone. */
  application?: { held: Record<AckMaterialKind, HeldMaterial>; flags: Flag[]; complete: boolean; unitName: string | null };
};

/** The new row, or null when the message already had its acknowledgement (or ACK_MODE=off). */
export async function writeAckIntent(
  db: Queryable,
  deps: { repos: Repos; ack: AckConfig; campaign: Campaign },
  input: AckIntentInput,
): Promise<{ id: string; state: AckState } | null> {
  const { ack } = deps;
  if (ack.mode === 'off') return null;
  const email = input.extraction.email;
  const since =
    ack.since ?? (ack.mode === 'send' ? new Date(await deps.repos.settings.getOrSet(db, ACK_ENABLED_AT, new Date().toISOString())) : null);
  const decision = decideReply(
    { email: { ...email, receivedAt: input.receivedAt }, isSubmission: input.isSubmission },
    { ownAddresses: [ack.fromAddress, ack.smtp.user].filter(Boolean), since },
  );
  const view = buildAckView(ackFacts(input), deps.campaign);
  const rendered = renderReply(view, ack.templateDir);
  const state: AckState =
    decision.action === 'suppress' ? 'suppressed' : ack.mode === 'dry-run' ? 'dry_run' : decision.action === 'hold' ? 'held' : 'queued';
  const original = email.messageId?.trim().replace(/^<(.*)>$/, '$1') || null;
  const priorReferences = (email.headers['references'] ?? '').toString().trim();
  const domain = ack.fromAddress.split('@')[1] || 'intake.invalid';
  const id = await deps.repos.acks.insertAckOnce(db, {
    messageId: input.messageRowId,
    kind: 'ack',
    state,
    reason: decision.action === 'send' ? null : decision.reason,
    reference: view.reference,
    toAddress: decision.to,
    fromAddress: ack.fromAddress,
    subject: rendered.subject,
    messageIdHeader: `ack.${input.messageRowId}.${randomUUID()}@${domain}`,
    inReplyTo: original,
    references: original ? [priorReferences, `<${original}>`].filter(Boolean).join(' ') : priorReferences || null,
    textBody: rendered.text,
    htmlBody: rendered.html,
    requestedBy: null,
  });
  return id ? { id, state } : null;
}

/** What the reply states, from the message and (when known) its unit's application. */
export function ackFacts(input: AckIntentInput): AckFacts {
  const email = input.extraction.email;
  const app = input.application ?? emailAlone(input);
  return {
    messageRowId: input.messageRowId,
    receivedAt: input.receivedAt,
    originalSubject: email.subject,
    unitName: app.unitName,
    senderName: email.fromName,
    brought: input.extraction.files
      .filter((f) => f.kind && (MATERIAL_ORDER as readonly string[]).includes(f.kind))
      .map((f) => {
        // A file found inside an archive says so: the applicant attached the archive, not the file.
        const parent = f.parentIndex === null ? null : input.extraction.files[f.parentIndex]?.filename;
        return { kind: f.kind!, filename: parent ? `${f.filename}（压缩包 ${parent} 内）` : f.filename, readable: f.readable ?? false };
      }),
    held: app.held,
    // The application's problems, and this email's own (an unreadable file, the subject, a link).
    flags: input.application ? [...app.flags, ...input.flags.filter((f) => !APPLICATION_FLAG_CODES.has(baseCode(f.code)))] : app.flags,
    complete: app.complete,
  };
}

/** Without an application record: what this email alone brought. */
function emailAlone(input: AckIntentInput): NonNullable<AckIntentInput['application']> {
  const held = Object.fromEntries(MATERIAL_ORDER.map((k) => [k, null])) as Record<AckMaterialKind, HeldMaterial>;
  for (const f of input.extraction.files) {
    const kind = f.kind as AckMaterialKind | undefined;
    if (kind && kind in held && f.readable && !held[kind]) held[kind] = { filename: f.filename, receivedAt: input.receivedAt };
  }
  // A non-submission is never "complete": its (suppressed, never sent) reply must not say so.
  const complete = input.isSubmission && isComplete(input.flags);
  return { held, flags: input.flags, complete, unitName: input.extraction.submission?.unit_name ?? null };
}

/** The application as the acknowledgement states it: the file held for each kind, its problems. */
export function ackApplicationView(a: ApplicationContent): NonNullable<AckIntentInput['application']> {
  const held = Object.fromEntries(
    MATERIAL_ORDER.map((kind) => {
      const m = a.materials[kind];
      return [kind, m ? { filename: m.filename, receivedAt: m.received_at ? new Date(m.received_at) : null } : null];
    }),
  ) as Record<AckMaterialKind, HeldMaterial>;
  return { held, flags: a.flagDetails, complete: a.complete, unitName: a.unitName };
}
