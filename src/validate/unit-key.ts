// Who is applying, for versions: a later submission from the same unit supersedes the earlier one.
//
// Keys: `uscc:<code>` (normalized), `unit:<name>` (NFKC, no spaces or brackets, Latin lower-cased),
// `sender:<address>` (lower-cased). Matching (sameUnit):
//   1. any shared document key (same 统一社会信用代码, or same normalized unit name) -> same unit;
//      so a corrected code with an unchanged name, or a renamed unit with the same code, still match;
//   2. both sides identify their unit from the documents and share no key -> different units,
//      even from one sender (a district official forwarding several units' materials);
//   3. otherwise (one side has no readable 附件1, e.g. a 163 超大附件 link-only email) the sender decides.
import type { Extraction } from '../types.ts';
import { isBlank, normalizeUnitName } from './text.ts';
import { normalizeUscc } from './uscc.ts';

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
