// For each kind, the readable file of that kind from the latest member that has one. An
// unreadable file never replaces a readable one (a truncated resend of 附件3 leaves the first
// 附件3 chosen), and a kind no member brought readable is missing.
import {
  APPLICATION_KINDS,
  type ApplicationKind,
  type ApplicationMember,
  type ChosenMaterial,
  type Materials,
} from './application-types.ts';
import { summarizeScans } from '../scan/summarize-scans.ts';

/**
 * The member's file of that kind: the first readable one in file order, which puts MIME
 * attachments before archive members (a zip of samples is named, not its first CSV).
 */
function readableFileOf(member: ApplicationMember, kind: ApplicationKind): string | null {
  return member.files.find((f) => f.kind === kind && f.readable === true)?.filename ?? null;
}

/**
 * The scan check of the stamped scan chosen: every readable stamped-scan file of its member (the
 * photos of one scan are several files), summed up as for the email; null when none was read.
 */
function scanOf(member: ApplicationMember): ChosenMaterial['scan'] {
  const checks = member.files.filter((f) => f.kind === 'stamped_scan' && f.readable === true && f.scan).map((f) => f.scan);
  return checks.length > 0 ? summarizeScans(checks) : null;
}

/** `members` in chain order (oldest first). */
export function chooseMaterials(members: readonly ApplicationMember[]): Materials {
  const chosen = {} as Materials;
  for (const kind of APPLICATION_KINDS) {
    chosen[kind] = null;
    for (let i = members.length - 1; i >= 0; i--) {
      const m = members[i];
      const filename = readableFileOf(m, kind);
      if (filename === null) continue;
      const material: ChosenMaterial = {
        kind,
        filename,
        submissionId: m.submissionId,
        messageIdHeader: m.messageIdHeader,
        receivedAt: m.receivedAt,
        late: m.late,
        ...(kind === 'stamped_scan' ? { scan: scanOf(m) } : {}),
      };
      chosen[kind] = material;
      break;
    }
  }
  return chosen;
}
