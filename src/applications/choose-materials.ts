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

/**
 * The member's file of that kind: the first readable one in file order, which puts MIME
 * attachments before archive members (a zip of samples is named, not its first CSV).
 */
function readableFileOf(member: ApplicationMember, kind: ApplicationKind): string | null {
  return member.files.find((f) => f.kind === kind && f.readable === true)?.filename ?? null;
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
      };
      chosen[kind] = material;
      break;
    }
  }
  return chosen;
}
