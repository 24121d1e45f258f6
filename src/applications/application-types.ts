// One application per unit: everything the unit has sent, merged (spec section "Application" of
// ../shared/spec/submission-schema.md). These types are what the pure merge rules work on; the
// database and `intake extract --applications` both build ApplicationMember values and call the
// same functions, so the stored application and the offline one cannot drift apart.
import type { Flag, MaterialKind, ScanCheck, Submission } from '../types.ts';
import type { ChainPosition } from '../versions/version-chain.ts';

/** The kinds an application chooses one file for, in the spec's order. */
export const APPLICATION_KINDS = ['form1', 'form2', 'form3', 'stamped_scan', 'samples'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** One file of a member email (archive members included), as judged for that email. */
export type MemberFile = {
  filename: string;
  kind: MaterialKind | string | null;
  readable: boolean | null;
  /** Stamped scans: what reading the file found (null or absent: not read). */
  scan?: ScanCheck | null;
};

/**
 * One submission email of a unit. `messageId` (from ChainPosition) is the chain tie-breaker: the
 * messages row id in the database, the file position offline.
 */
export type ApplicationMember = ChainPosition & {
  /** Stable handle of the member (the submissions row id; offline the same as messageId). */
  submissionId: string;
  /** The Message-ID header without angle brackets. */
  messageIdHeader: string | null;
  late: boolean;
  unitKeys: string[];
  subject: string | null;
  submission: Submission;
  files: MemberFile[];
};

/** The file chosen for one kind, and the member email it came in. */
export type ChosenMaterial = {
  kind: ApplicationKind;
  filename: string;
  submissionId: string;
  messageIdHeader: string | null;
  receivedAt: Date | null;
  late: boolean;
  /** stamped_scan only: the scan check of that member's stamped scans (null: none was read). */
  scan?: ScanCheck | null;
};

export type Materials = Record<ApplicationKind, ChosenMaterial | null>;

export type Application = {
  unitName: string | null;
  uscc: string | null;
  /** In chain (receipt) order. */
  members: ApplicationMember[];
  materials: Materials;
  /** The merged record: unit fields and cases of the chosen 附件1, intro of 附件2, rows of 附件3. */
  record: Submission;
  flags: Flag[];
  complete: boolean;
  completeOnTime: boolean;
};
