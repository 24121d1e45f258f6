// Dataset scales as applicants write them, turned into numbers so 附件1 and 附件3 can be compared by
// value: rows (`10万条`, `1.2亿行`, `1,260,000 条`) and gigabytes (`2TB`, `图片 100GB,音频 160GB`,
// `约 350 GB`, `500MB`). 1 TB = 1024 GB and 1 GB = 1024 MB (the corpus convention).
// Kept here until a shared parser exists in src/forms/.

const NONE = /^(?:[\/\\—–\-]+|无|暂无|N\/?A|不适用|不涉及)$/i;

const CJK_MULTIPLIER: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 亿: 1e8 };
const BYTE_UNIT_GB: Record<string, number> = {
  P: 1024 * 1024, PB: 1024 * 1024, T: 1024, TB: 1024, G: 1, GB: 1, M: 1 / 1024, MB: 1 / 1024,
  K: 1 / 1024 / 1024, KB: 1 / 1024 / 1024,
};

function prepare(text: string): string {
  // Thousands separators only between digit groups: "1,260,000" but not "100GB,160GB".
  return text.normalize('NFKC').replace(/(\d),(?=\d{3}(?!\d))/g, '$1').trim();
}

/** True for cells that say "none" ("/", "无", "-"), which is a value, not a missing one. */
export function isNoneScale(text: string | null | undefined): boolean {
  if (text === null || text === undefined) return true;
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return t === '' || NONE.test(t);
}

/** Rows/records: the sum of every number, each times its 万/亿/千 multipliers. null if none found. */
export function parseRows(text: string | null | undefined): number | null {
  if (text === null || text === undefined || isNoneScale(text)) return null;
  const s = prepare(text);
  const re = /(\d+(?:\.\d+)?)\s*([十百千万亿]*)/g;
  let total = 0;
  let found = false;
  for (const m of s.matchAll(re)) {
    let value = Number(m[1]);
    for (const ch of m[2]) value *= CJK_MULTIPLIER[ch];
    total += value;
    found = true;
  }
  return found ? Math.round(total) : null;
}

/** Gigabytes: every "<number> <unit>" part summed; a bare number is taken as GB. null if none. */
export function parseGigabytes(text: string | null | undefined): number | null {
  if (text === null || text === undefined || isNoneScale(text)) return null;
  const s = prepare(text);
  const re = /(\d+(?:\.\d+)?)\s*(PB|TB|GB|MB|KB|P|T|G|M|K)?(?![A-Za-z])/gi;
  let total = 0;
  let found = false;
  for (const m of s.matchAll(re)) {
    const unit = (m[2] ?? 'GB').toUpperCase();
    total += Number(m[1]) * BYTE_UNIT_GB[unit];
    found = true;
  }
  return found ? total : null;
}
