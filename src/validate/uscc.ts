// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z).
// Characters 1-17 carry the code; character 18 is a check character computed with fixed weights.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** What an applicant typed, made comparable: full-width folded, spaces dropped, upper case. */
export function normalizeUscc(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Format (shape, alphabet, numeric division) and check character both right. */
export function isValidUscc(raw: string): boolean {
  const code = normalizeUscc(raw);
  if (!SHAPE.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Administrative division: characters 3-8 (only meaningful for a valid code). */
export function usccDivision(raw: string): string {
  return normalizeUscc(raw).slice(2, 8);
}
