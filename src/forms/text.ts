// Small text helpers shared by the form readers. Labels are matched on a normalized form (NFKC,
// no whitespace, no quotes) so full-width punctuation and the spacing Word/WPS/PDF add don't
// matter; values are always taken from the original text.

const QUOTES = /[“”"'‘’「」『』]/g;

/** NFKC, whitespace (incl. U+3000) and quotes removed: for comparing labels, never for values. */
export function norm(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(QUOTES, '');
}

/** Trimmed lines without blank ones, joined by "\n"; null when nothing is left. */
export function cleanText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
    .filter((l) => l !== '');
  return lines.length ? lines.join('\n') : null;
}

/**
 * Index in `text` just past the shortest prefix whose normalized form has `normLength` characters.
 * Lets a label matched on the normalized text be cut from the original one.
 */
export function originalOffset(text: string, normLength: number): number {
  if (normLength <= 0) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    count += norm(text[i]).length;
    if (count >= normLength) return i + 1;
  }
  return text.length;
}
