// What an acknowledgement says, as plain data for the templates (which only lay it out): the
// unit, when this email arrived (北京时间), a reference number, what this email brought, what the
// bureau now holds from the unit (each material received or missing, with its date), every
// problem found, a late notice, and the notice's contact line. Pure.
import type { Campaign } from '../campaign/campaign.ts';
import { isLate, toShanghaiIso, toShanghaiText } from '../campaign/deadline.ts';
import type { Flag, MaterialKind } from '../types.ts';
import { MATERIAL_LABELS } from '../validate/labels.ts';

export const MATERIAL_ORDER = ['form1', 'form2', 'form3', 'stamped_scan', 'samples'] as const;
export type AckMaterialKind = (typeof MATERIAL_ORDER)[number];

export type HeldMaterial = { filename: string; receivedAt: Date | null } | null;

export type AckFacts = {
  messageRowId: string;
  receivedAt: Date | null;
  originalSubject: string;
  unitName: string | null;
  senderName: string | null;
  /** Files of this email that are application materials (MIME attachments and archive members). */
  brought: { kind: MaterialKind; filename: string; readable: boolean }[];
  /** The unit's application after this email: the file chosen for each kind, or null (missing). */
  held: Record<AckMaterialKind, HeldMaterial>;
  /** Problems to tell the applicant (the application's flags, or this email's). */
  flags: Flag[];
  complete: boolean;
};

export type AckView = {
  reference: string;
  greeting: string;
  unitName: string | null;
  receivedAt: string;
  originalSubject: string;
  brought: { label: string; filename: string; readable: boolean }[];
  materials: { label: string; received: boolean; filename: string | null; receivedAt: string | null }[];
  problems: string[];
  complete: boolean;
  late: boolean;
  lateNotice: string | null;
  deadline: string;
  callName: string;
  organizer: string;
  contact: string;
};

/** WHSJ-20251103-000123: the receipt day (北京时间) and the message's row id, unique and quotable. */
export function ackReference(messageRowId: string, receivedAt: Date | null): string {
  const day = receivedAt ? toShanghaiIso(receivedAt).slice(0, 10).replaceAll('-', '') : '00000000';
  return `WHSJ-${day}-${messageRowId.padStart(6, '0')}`;
}

/** Flags that are about our bookkeeping, not something the applicant can act on. */
const NOT_FOR_APPLICANT = new Set(['NOT_A_SUBMISSION', 'RESUBMISSION']);

/** MISSING_ATTACHMENT:form2 -> MISSING_ATTACHMENT (application flags carry the kind). */
export const baseCode = (code: string): string => code.split(':')[0]!;

export function buildAckView(f: AckFacts, campaign: Campaign): AckView {
  const late = isLate(f.receivedAt, campaign.deadline);
  const who = f.unitName?.trim() || f.senderName?.trim() || null;
  return {
    reference: ackReference(f.messageRowId, f.receivedAt),
    greeting: who ? `${who}：` : '您好：',
    unitName: f.unitName?.trim() || null,
    receivedAt: `${toShanghaiText(f.receivedAt)}（北京时间）`,
    originalSubject: f.originalSubject,
    brought: f.brought
      .filter((b) => (MATERIAL_ORDER as readonly string[]).includes(b.kind))
      .map((b) => ({ label: MATERIAL_LABELS[b.kind] ?? b.kind, filename: b.filename, readable: b.readable })),
    materials: MATERIAL_ORDER.map((kind) => {
      const held = f.held[kind];
      return {
        label: MATERIAL_LABELS[kind] ?? kind,
        received: held !== null,
        filename: held?.filename ?? null,
        receivedAt: held ? toShanghaiText(held.receivedAt) : null,
      };
    }),
    // The late notice below says it for a late email; otherwise an application's LATE is a problem.
    problems: [
      ...new Set(
        f.flags
          .filter((fl) => !NOT_FOR_APPLICANT.has(baseCode(fl.code)) && !(late && baseCode(fl.code) === 'LATE'))
          .map((fl) => fl.message),
      ),
    ],
    complete: f.complete,
    late,
    lateNotice: late
      ? `本邮件收到时间晚于征集截止时间（${toShanghaiText(campaign.deadline)}，北京时间），材料已存档，是否受理以武汉市数据局通知为准。`
      : null,
    deadline: toShanghaiText(campaign.deadline),
    callName: campaign.name,
    organizer: campaign.organizer,
    contact: campaign.contact,
  };
}
