// The JSON shape of an application (spec section "Application"): what `intake extract
// --applications` prints and what the applications table stores in its jsonb columns.
import { toShanghaiIso } from '../campaign/deadline.ts';
import type { ScanCheck, Submission } from '../types.ts';
import { APPLICATION_KINDS, type Application, type ApplicationKind, type Materials } from './application-types.ts';

const iso = (d: Date | null): string | null => (d ? toShanghaiIso(d) : null);

export type MaterialJson = {
  filename: string;
  message_id: string | null;
  received_at: string | null;
  late: boolean;
  submission_id?: string;
  /** stamped_scan only: the chosen scan's check (spec section "Scan check"). */
  scan?: ScanCheck | null;
};
export type MemberJson = { message_id: string | null; received_at: string | null; late: boolean };

export type ApplicationJson = {
  unit_name: string | null;
  uscc: string | null;
  members: MemberJson[];
  materials: Record<ApplicationKind, MaterialJson | null>;
  flags: string[];
  complete: boolean;
  complete_on_time: boolean;
  submission: Submission;
};

/** `withIds` adds the member's submissions row id (stored form; offline there is none). */
export function materialsJson(materials: Materials, withIds: boolean): Record<ApplicationKind, MaterialJson | null> {
  const out = {} as Record<ApplicationKind, MaterialJson | null>;
  for (const kind of APPLICATION_KINDS) {
    const m = materials[kind];
    out[kind] = m && {
      filename: m.filename,
      message_id: m.messageIdHeader,
      received_at: iso(m.receivedAt),
      late: m.late,
      ...(withIds ? { submission_id: m.submissionId } : {}),
      ...(m.scan !== undefined ? { scan: m.scan } : {}),
    };
  }
  return out;
}

export function applicationJson(a: Application): ApplicationJson {
  return {
    unit_name: a.unitName,
    uscc: a.uscc,
    members: a.members.map((m) => ({ message_id: m.messageIdHeader, received_at: iso(m.receivedAt), late: m.late })),
    materials: materialsJson(a.materials, false),
    flags: [...new Set(a.flags.map((f) => f.code))].sort(),
    complete: a.complete,
    complete_on_time: a.completeOnTime,
    submission: a.record,
  };
}
