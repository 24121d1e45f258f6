// Contact numbers as applicants write them: a mobile (1[3-9] + 9 digits) or a landline with its
// area code (027-87654321, (027)87654321, 02787654321), either with a country code (+86, 0086,
// 86-), a landline with an extension (转 8001, 分机 8001, ext. 8001, -8001), and a note in brackets
// ("13871234567（微信同号）"). Several numbers in one cell are fine as long as each is a phone number.

const MOBILE = /^1[3-9]\d{9}$/;
// Area code 0 + 2-3 digits, then a 7-8 digit local number; separators already normalized to '-'.
const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}(?:(?:-|-?(?:转|分机|ext\.?|x))\d{1,6})?$/i;
// A bracket with no digit in it is a note ("微信同号", "办公室"); "(027)" is an area code and stays.
const NOTE = /[(（[【][^)）\]】\d]*[)）\]】]/g;

/** Splits a cell into the numbers it lists, with separators inside each number made uniform. */
export function phoneCandidates(raw: string): string[] {
  const text = raw
    .normalize('NFKC')
    .replace(NOTE, ' ')
    .replace(/[—–－]/g, '-');
  return text
    .split(/[/、,，;；]|\s{2,}|或/)
    .map((part) =>
      part
        .replace(/^\s*(?:手机|电话|座机|联系电话|tel|mobile)[:：]?/i, '')
        .replace(/\s+/g, '')
        .replace(/-+/g, '-'),
    )
    .filter((part) => part.length > 0);
}

/**
 * Drops a country code: "+86", "0086" and "86-" always, a bare "86" only before a full mobile
 * (a bare 86 could start a local number). A landline written internationally loses its trunk 0
 * ("+86-27-87654321"), so it is put back.
 */
function withoutCountryCode(compact: string): string {
  const m = /^(?:(?:\+|00)86-?|86-)(.*)$/.exec(compact) ?? /^86(1[3-9]\d{9})$/.exec(compact);
  if (!m) return compact;
  const rest = m[1];
  return /^[2-9]/.test(rest) ? `0${rest}` : rest;
}

export function isPhoneNumber(candidate: string): boolean {
  const compact = withoutCountryCode(candidate.replace(NOTE, '').replace(/\s+/g, ''));
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
