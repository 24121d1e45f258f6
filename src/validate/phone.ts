// Contact numbers as applicants write them: a mobile (1[3-9] + 9 digits, optionally +86) or a
// landline with its area code (027-87654321, (027)87654321, 02787654321, extension allowed).
// Several numbers in one cell are fine as long as each is a phone number.

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
// Area code 0 + 2-3 digits, then a 7-8 digit local number; separators already normalized to '-'.
const LANDLINE = /^(?:\+?86-?)?(?:\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}(?:(?:-|转|ext\.?)\d{1,6})?$/i;

/** Splits a cell into the numbers it lists, with separators inside each number made uniform. */
export function phoneCandidates(raw: string): string[] {
  const text = raw.normalize('NFKC').replace(/[—–－]/g, '-');
  return text
    .split(/[\/、,，;；]|\s{2,}|或/)
    .map((part) => part.replace(/^(?:手机|电话|座机|联系电话|tel|mobile)[:：]?/i, '').replace(/\s+/g, '').replace(/-+/g, '-'))
    .filter((part) => part.length > 0);
}

export function isPhoneNumber(candidate: string): boolean {
  const compact = candidate.replace(/\s+/g, '');
  if (MOBILE.test(compact)) return true;
  // Mobile numbers are also written 138-7123-4567.
  if (/^1[3-9]\d-?\d{4}-?\d{4}$/.test(compact)) return true;
  return LANDLINE.test(compact);
}

/** True when the cell holds at least one number and every number in it is well formed. */
export function isValidPhoneField(raw: string): boolean {
  const parts = phoneCandidates(raw);
  return parts.length > 0 && parts.every(isPhoneNumber);
}
