// The notice asks for the subject `单位名称+武汉市数据集征集`. Mail clients prepend reply/forward
// markers (回复: / 转发: / Re: / FW: ..., possibly repeated, half- or full-width colon), which are
// tolerated; the unit part may be an abbreviation, so only its presence is checked.

const PREFIX = /^\s*(?:回复|答复|转发|Re|Fw|Fwd)\s*[:：]\s*/i;

export function stripReplyPrefixes(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(PREFIX, '');
    if (next === s) return s;
    s = next;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The unit part of a conforming subject, or null when the subject does not follow the pattern. */
export function subjectUnitPart(subject: string, suffix: string): string | null {
  const s = stripReplyPrefixes(subject);
  const m = new RegExp(`^(.+?)\\s*[+＋]\\s*${escapeRegExp(suffix)}\\s*$`, 'u').exec(s);
  if (!m) return null;
  const unit = m[1].trim();
  // A unit name has at least one letter or CJK character: "+武汉市数据集征集" alone is not one.
  return /[\p{L}]/u.test(unit) ? unit : null;
}

export function isConformingSubject(subject: string, suffix: string): boolean {
  return subjectUnitPart(subject, suffix) !== null;
}
