// The first 统一社会信用代码 in a text (a text layer or OCR), counted only when its GB 32100 check
// character holds. Nothing is corrected: a code that would only become valid after guessing a
// misread character (O for 0, I for 1) is not a code read.
import { isValidUscc } from '../validate/uscc.ts';

/** Letters and digits separated by single spaces on one line: OCR often splits a code with spaces. */
const RUN = /[0-9A-Za-z]+(?:[ \t\u3000][0-9A-Za-z]+)*/g;

/**
 * Consecutive pieces of a run that make exactly 18 characters, in text order. Pieces are joined,
 * never cut: a code is never taken out of the middle of a longer number (a phone beside a date).
 */
function candidates(pieces: string[]): string[] {
  const out: string[] = [];
  for (let start = 0; start < pieces.length; start++) {
    let joined = '';
    for (let end = start; end < pieces.length && joined.length < 18; end++) {
      joined += pieces[end];
      if (joined.length === 18) out.push(joined.toUpperCase());
    }
  }
  return out;
}

export function findUscc(text: string): string | null {
  for (const line of text.normalize('NFKC').split(/\r?\n|\f/)) {
    for (const m of line.matchAll(RUN)) {
      const code = candidates(m[0].split(/[ \t\u3000]/)).find((c) => isValidUscc(c));
      if (code) return code;
    }
  }
  return null;
}
