// Dataset scales as applicants write them, normalized: rows ("10万条", "1.2亿行", "1,260,000 条",
// "1亿2千万条", "二十万条") and gigabytes ("2TB", "图片 100GB,音频 160GB", "约 350 GB", "500MB",
// "2 TiB"), 1 TB = 1024 GB, 1 GB = 1024 MB. The raw text is kept beside the number by the readers;
// these only read it.

/** Cells that say "none": a dash or slash, 无, N/A and the like. */
const NONE = /^(?:[/\\—–\-_~～]+|无|暂无|没有|N\/?A|不适用|不涉及|不涉及此项)$/i;

const CJK_DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CJK_SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

const GB_PER_UNIT: Record<string, number> = {
  PB: 1024 * 1024,
  PIB: 1024 * 1024,
  P: 1024 * 1024,
  TB: 1024,
  TIB: 1024,
  T: 1024,
  GB: 1,
  GIB: 1,
  G: 1,
  MB: 1 / 1024,
  MIB: 1 / 1024,
  M: 1 / 1024,
  KB: 1 / 1024 / 1024,
  KIB: 1 / 1024 / 1024,
  K: 1 / 1024 / 1024,
};

/**
 * One number as written: Arabic digits, Chinese numerals and multipliers mixed
 * ("1亿2千万", "1亿2000万", "3万5千", "1.2亿", "二十万", "10w"). The whole run is one number, so
 * "1亿2千万" is never read as 1亿 plus 2千万.
 */
// Spaces may come before a multiplier ("约 235 万条") but never join two digit groups ("100 200").
const NUMBER_RUN =
  /(?:\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿])(?:\d+(?:\.\d+)?|[〇零一二两三四五六七八九]|\s*[十百千万亿]|\s*[wW](?![A-Za-z]))*/g;
// After the number: "126万余条", "10万多条", "5000+ records".
const APPROX = String.raw`\s*(?:余|多|\+)?\s*`;
const ROW_UNIT = new RegExp(`^${APPROX}(?:条|行(?![业政])|个?记录|rows?(?![A-Za-z])|records?(?![A-Za-z]))`, 'i');
const SIZE_UNIT = new RegExp(`^${APPROX}(PIB|TIB|GIB|MIB|KIB|PB|TB|GB|MB|KB|P|T|G|M|K)(?![A-Za-z])`, 'i');

/** Value of one run from NUMBER_RUN; null when it holds no digit (a lone "万" in "万方数据"). */
export function parseNumberRun(run: string): number | null {
  if (!/[\d〇零一二两三四五六七八九十百千]/.test(run)) return null;
  // total: whole 亿 sections; wan: whole 万 sections below the last 亿; small: 十/百/千 below 万.
  let total = 0;
  let wan = 0;
  let small = 0;
  let num: number | null = null;
  for (const tok of run.replace(/\s+/g, '').match(/\d+(?:\.\d+)?|./g) ?? []) {
    if (/^\d/.test(tok)) {
      num = Number(tok);
    } else if (tok in CJK_DIGIT) {
      // "二〇二五" digit by digit; "一百零五": the 零 only holds a place.
      num = (num ?? 0) * 10 + CJK_DIGIT[tok];
    } else if (tok in CJK_SMALL_UNIT) {
      small += (num ?? 1) * CJK_SMALL_UNIT[tok];
      num = null;
    } else if (tok === '万' || tok === 'w' || tok === 'W') {
      wan += sectionBelow(small, num) * 1e4;
      small = 0;
      num = null;
    } else if (tok === '亿') {
      total += (wan === 0 ? sectionBelow(small, num) : wan + small + (num ?? 0)) * 1e8;
      wan = 0;
      small = 0;
      num = null;
    }
  }
  return total + wan + small + (num ?? 0);
}

/** What a 万/亿 multiplies: the digits before it, or 1 when it opens the run ("万" in "十万" has 10). */
function sectionBelow(small: number, num: number | null): number {
  return small === 0 && num === null ? 1 : small + (num ?? 0);
}

type Part = {
  value: number;
  /** Multiplier of the unit that follows (1 for a row unit), or null when there is none. */
  unit: number | null;
  inBrackets: boolean;
  /**
   * Chinese numerals that read as words more than amounts ("两类", "一期", "百度"): a number only
   * with a unit after it, or as a bare compound such as "二十万".
   */
  wordLike: boolean;
};

function prepare(text: string): string {
  const s = text.normalize('NFKC').trim();
  // Thousands separators only between digit groups: "1,260,000" but not "100GB,160GB".
  return s.replace(/(\d)[,，'](?=\d{3}(?!\d))/g, '$1');
}

/** Start/end offsets of bracketed spans: "(约2TB)", "（共126万条）", "[...]", "【...】". */
function bracketSpans(s: string): [number, number][] {
  return [...s.matchAll(/[(（[【][^)）\]】]*[)）\]】]/g)].map((m) => [m.index, m.index + m[0].length]);
}

function readParts(text: string, unitOf: (after: string) => number | null): Part[] {
  const s = prepare(text);
  const spans = bracketSpans(s);
  const parts: Part[] = [];
  for (const m of s.matchAll(NUMBER_RUN)) {
    const value = parseNumberRun(m[0]);
    if (value === null) continue;
    const end = m.index + m[0].length;
    parts.push({
      value,
      unit: unitOf(s.slice(end)),
      inBrackets: spans.some(([a, b]) => m.index >= a && m.index < b),
      wordLike: !/\d/.test(m[0]) && !(m[0].length >= 2 && /[十百千万亿]/.test(m[0])),
    });
  }
  return parts;
}

/**
 * The parts that make up the scale, summed by the caller. Numbers with a unit win over bare ones
 * ("3张表,共10万条" is 10万 rows). Outside brackets wins over inside, because a bracket usually
 * restates the same amount ("3TB(约3072GB)", "126万条(1,260,000条)") and must not count twice;
 * but when only the bracket carries the unit ("图像14万张(约2TB)", "3张表(共126万条)") it is the
 * scale.
 */
function chooseParts(parts: Part[]): Part[] {
  const tiers: ((p: Part) => boolean)[] = [
    (p) => p.unit !== null && !p.inBrackets,
    (p) => p.unit !== null && p.inBrackets,
    (p) => !p.wordLike && !p.inBrackets,
    (p) => !p.wordLike && p.inBrackets,
  ];
  for (const tier of tiers) {
    const chosen = parts.filter(tier);
    if (chosen.length > 0) return chosen;
  }
  return [];
}

function isNone(text: string): boolean {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return t === '' || NONE.test(t);
}

/** Rows/records as an integer, parts summed; null for blank, "/" or "无", or no number at all. */
export function parseRows(text: string | null | undefined): number | null {
  if (text === null || text === undefined || isNone(text)) return null;
  const parts = chooseParts(readParts(text, (after) => (ROW_UNIT.test(after) ? 1 : null)));
  if (parts.length === 0) return null;
  return Math.round(parts.reduce((sum, p) => sum + p.value, 0));
}

/** Gigabytes, parts summed ("图片 100GB,音频 160GB" → 260); a bare number is GB; null if none. */
export function parseGigabytes(text: string | null | undefined): number | null {
  if (text === null || text === undefined || isNone(text)) return null;
  const parts = chooseParts(
    readParts(text, (after) => {
      const unit = SIZE_UNIT.exec(after)?.[1];
      return unit ? GB_PER_UNIT[unit.toUpperCase()] : null;
    }),
  );
  if (parts.length === 0) return null;
  const total = parts.reduce((sum, p) => sum + p.value * (p.unit ?? 1), 0);
  return Math.round(total * 1e6) / 1e6;
}
