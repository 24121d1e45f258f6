// What is stored of an application (the applications row without its review columns), and how
// two versions of it differ: the detail of an application_events row, so an acknowledgement can
// say what the new email brought. Pure.
import { toShanghaiIso } from '../campaign/deadline.ts';
import type { Flag, Submission } from '../types.ts';
import { materialsJson, type MaterialJson } from './application-json.ts';
import { APPLICATION_KINDS, type Application, type ApplicationKind } from './application-types.ts';

export type MemberRef = { submission_id: string; message_id: string | null; received_at: string | null; late: boolean };

export type ApplicationContent = {
  unitName: string | null;
  uscc: string | null;
  unitKeys: string[];
  firstReceivedAt: Date | null;
  lastReceivedAt: Date | null;
  members: MemberRef[];
  materials: Record<ApplicationKind, MaterialJson | null>;
  record: Submission;
  /** Sorted codes; the messages are in flagDetails. */
  flags: string[];
  flagDetails: Flag[];
  complete: boolean;
  completeOnTime: boolean;
  /** Some chosen material arrived after the deadline (the LATE flag). */
  late: boolean;
};

export function applicationContent(a: Application): ApplicationContent {
  const times = a.members.flatMap((m) => (m.receivedAt ? [m.receivedAt.getTime()] : []));
  const flags = [...new Set(a.flags.map((f) => f.code))].sort();
  return {
    unitName: a.unitName,
    uscc: a.uscc,
    unitKeys: [...new Set(a.members.flatMap((m) => m.unitKeys))].sort(),
    firstReceivedAt: times.length ? new Date(Math.min(...times)) : null,
    lastReceivedAt: times.length ? new Date(Math.max(...times)) : null,
    members: a.members.map((m) => ({
      submission_id: m.submissionId,
      message_id: m.messageIdHeader,
      received_at: m.receivedAt ? toShanghaiIso(m.receivedAt) : null,
      late: m.late,
    })),
    materials: materialsJson(a.materials, true),
    record: a.record,
    flags,
    flagDetails: a.flags,
    complete: a.complete,
    completeOnTime: a.completeOnTime,
    late: flags.includes('LATE'),
  };
}

export type MaterialChange = {
  kind: ApplicationKind;
  change: 'added' | 'replaced' | 'removed';
  from: MaterialJson | null;
  to: MaterialJson | null;
};

export type ApplicationChange = {
  membersAdded: MemberRef[];
  membersRemoved: MemberRef[];
  materials: MaterialChange[];
  flagsBefore: string[];
  flagsAfter: string[];
  complete: { from: boolean | null; to: boolean };
  completeOnTime: { from: boolean | null; to: boolean };
  unitName: { from: string | null; to: string | null } | null;
  /** The merged record's values changed (a re-read of the same files after a parser change). */
  recordChanged: boolean;
};

const sameMaterial = (a: MaterialJson | null, b: MaterialJson | null): boolean =>
  a === null || b === null ? a === b : a.submission_id === b.submission_id && a.filename === b.filename;

/** JSON with object keys sorted: jsonb does not keep key order, so a stored record must compare by value. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/** What changed from `before` (null: a new application) to `after`; null when nothing did. */
export function describeChanges(before: ApplicationContent | null, after: ApplicationContent): ApplicationChange | null {
  const beforeIds = new Set(before?.members.map((m) => m.submission_id) ?? []);
  const afterIds = new Set(after.members.map((m) => m.submission_id));
  const materials: MaterialChange[] = [];
  for (const kind of APPLICATION_KINDS) {
    const from = before?.materials[kind] ?? null;
    const to = after.materials[kind] ?? null;
    if (sameMaterial(from, to)) continue;
    materials.push({ kind, change: from === null ? 'added' : to === null ? 'removed' : 'replaced', from, to });
  }
  const change: ApplicationChange = {
    membersAdded: after.members.filter((m) => !beforeIds.has(m.submission_id)),
    membersRemoved: (before?.members ?? []).filter((m) => !afterIds.has(m.submission_id)),
    materials,
    flagsBefore: before?.flags ?? [],
    flagsAfter: after.flags,
    complete: { from: before?.complete ?? null, to: after.complete },
    completeOnTime: { from: before?.completeOnTime ?? null, to: after.completeOnTime },
    unitName: before?.unitName === after.unitName ? null : { from: before?.unitName ?? null, to: after.unitName },
    recordChanged: before !== null && canonical(before.record) !== canonical(after.record),
  };
  const unchanged =
    before !== null &&
    change.membersAdded.length === 0 &&
    change.membersRemoved.length === 0 &&
    materials.length === 0 &&
    sameSet(change.flagsBefore, change.flagsAfter) &&
    before.complete === after.complete &&
    before.completeOnTime === after.completeOnTime &&
    change.unitName === null &&
    !change.recordChanged &&
    before.uscc === after.uscc;
  return unchanged ? null : change;
}
