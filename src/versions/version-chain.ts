// Versions of one unit's submission: who is applying (unit keys), whether two submissions come
// from the same unit, and the order of the chain. Pure: the ingest job and `intake extract` ask
// here, and the repository only stores what this module decided.
//
// Keys: `uscc:<code>` (normalized), `unit:<name>` (NFKC, no spaces or brackets, Latin lower-cased),
// `sender:<address>` (lower-cased). Matching (sameUnit):
//   1. any shared document key (same 统一社会信用代码, or same normalized unit name) -> same unit;
//      so a corrected code with an unchanged name, or a renamed unit with the same code, still match;
//   2. both sides identify their unit from the documents and share no key -> different units,
//      even from one sender (a district official forwarding several units' materials);
//   3. otherwise (one side has no readable 附件1, e.g. a 163 超大附件 link-only email) the sender decides.
import type { Extraction } from '../types.ts';
import { isBlank, normalizeUnitName } from '../validate/text.ts';
import { normalizeUscc } from '../validate/uscc.ts';

export function unitKeys(x: Extraction): string[] {
  const keys: string[] = [];
  const s = x.submission;
  if (s && !isBlank(s.uscc)) keys.push(`uscc:${normalizeUscc(s.uscc as string)}`);
  if (s && !isBlank(s.unit_name)) {
    const name = normalizeUnitName(s.unit_name as string);
    if (name) keys.push(`unit:${name}`);
  }
  const sender = x.email.fromAddress?.trim().toLowerCase();
  if (sender) keys.push(`sender:${sender}`);
  return keys;
}

const isDocumentKey = (k: string): boolean => !k.startsWith('sender:');

export function sameUnit(a: readonly string[], b: readonly string[]): boolean {
  const docA = a.filter(isDocumentKey);
  const docB = new Set(b.filter(isDocumentKey));
  if (docA.some((k) => docB.has(k))) return true;
  if (docA.length > 0 && docB.size > 0) return false;
  const senders = new Set(b.filter((k) => !isDocumentKey(k)));
  return a.some((k) => !isDocumentKey(k) && senders.has(k));
}

/** RESUBMISSION: some earlier submission (questions excluded by the caller) is from the same unit. */
export function isResubmissionOf(keys: readonly string[], earlier: readonly (readonly string[])[]): boolean {
  return keys.length > 0 && earlier.some((prev) => sameUnit(keys, prev));
}

export type ChainPosition = { receivedAt: Date | null; messageId: string };

/** The chain order: receipt time (unknown last), then message id (arrival order). */
export function compareChainOrder(a: ChainPosition, b: ChainPosition): number {
  const ta = a.receivedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.receivedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ia = BigInt(a.messageId);
  const ib = BigInt(b.messageId);
  return ia === ib ? 0 : ia < ib ? -1 : 1;
}

/** Another active submission sharing a unit key with the message being judged. */
export type ChainMember = ChainPosition & { submissionId: string; unitKeys: string[]; flags: string[] };

export type ChainPlan = {
  /** The message is a later version of its unit (flag RESUBMISSION). */
  isResubmission: boolean;
  /** Later versions whose RESUBMISSION flag this change made stale: re-judge them. */
  rejudge: string[];
};

/**
 * What a message's (new) judgement means for its unit's chain. `keys` are its unit keys when it
 * is a submission now; `previousKeys` those it had when it was one before (it stopped being one).
 */
export function planChain(
  me: ChainPosition & { isSubmission: boolean; keys: string[]; previousKeys: string[] },
  related: readonly ChainMember[],
): ChainPlan {
  const earlier = related.filter((r) => compareChainOrder(r, me) < 0);
  const later = related.filter((r) => compareChainOrder(r, me) > 0);
  if (me.isSubmission) {
    return {
      isResubmission: isResubmissionOf(
        me.keys,
        earlier.map((r) => r.unitKeys),
      ),
      // A later version judged before this one arrived lacks RESUBMISSION.
      rejudge: later.filter((r) => sameUnit(me.keys, r.unitKeys) && !r.flags.includes('RESUBMISSION')).map((r) => r.messageId),
    };
  }
  // It stopped being a submission: later versions may have lost their only predecessor.
  return {
    isResubmission: false,
    rejudge: later.filter((r) => sameUnit(me.previousKeys, r.unitKeys) && r.flags.includes('RESUBMISSION')).map((r) => r.messageId),
  };
}

export type VersionAssignment = { submissionId: string; version: number; supersedes: string | null; supersededBy: string | null };

/**
 * Numbers a unit's chain: `candidates` are active submissions sharing a key with `keys` (the
 * anchor's own row included); those of the same unit, in chain order, get versions 1..n.
 */
export function numberChain(
  anchor: { messageId: string; keys: string[] },
  candidates: readonly (ChainPosition & { submissionId: string; unitKeys: string[] })[],
): VersionAssignment[] {
  const chain = candidates.filter((c) => c.messageId === anchor.messageId || sameUnit(anchor.keys, c.unitKeys)).sort(compareChainOrder);
  return chain.map((c, i) => ({
    submissionId: c.submissionId,
    version: i + 1,
    supersedes: chain[i - 1]?.submissionId ?? null,
    supersededBy: chain[i + 1]?.submissionId ?? null,
  }));
}
