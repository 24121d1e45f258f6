// Dataset scales as applicants write them, normalized: rows ("10万条", "1.2亿行", "1,260,000 条")
// and gigabytes ("2TB", "图片 100GB,音频 160GB", "约 350 GB", "500MB"), 1 TB = 1024 GB,
// 1 GB = 1024 MB. The raw text is kept beside the number by the readers; these only read it.

/** Cells that say "none": a dash or slash, 无, N/A and the like. */
const NONE = /^(?:[\/\\—–\-_~～]+|无|暂无|没有|N\/?A|不适用|不涉及|不涉及此项)$/i;

const CJK_MULTIPLIER: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8 };

const GB_PER_UNIT: Record<string, number> = {
  PB: 1024 * 1024, P: 1024 * 1024, TB: 1024, T: 1024, GB: 1, G: 1, MB: 1 / 1024, M: 1 / 1024,
  KB: 1 / 1024 / 1024, K: 1 / 1024 / 1024,
};

function prepare(text: string): string {
  let s = text.normalize('NFKC').trim();
  // Thousands separators only between digit groups: "1,260,000" but not "100GB,160GB".
  s = s.replace(/(\d)[,，'](?=\d{3}(?!\d))/g, '$1');
  // An equivalent in brackets ("3TB(约3072GB)", "126万条(1260000条)") would be counted twice.
  const outside = s.replace(/[(（[【][^)）\]】]*[)）\]】]/g, ' ');
  return /\d/.test(outside) ? outside : s;
}

function isNone(text: string): boolean {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return t === '' || NONE.test(t);
}

/** Rows/records as an integer, parts summed; null for blank, "/" or "无", or no number at all. */
export function parseRows(text: string | null | undefined): number | null {
  if (text === null || text === undefined || isNone(text)) return null;
  const s = prepare(text);
  const re = /(\d+(?:\.\d+)?)\s*([十百千万亿]+|[wW](?![A-Za-z])|)\s*(条|行|记录|rows?|records?)?/g;
  const parts: { value: number; counted: boolean }[] = [];
  for (const m of s.matchAll(re)) {
    let value = Number(m[1]);
    for (const ch of m[2]) value *= CJK_MULTIPLIER[ch] ?? 1;
    parts.push({ value, counted: m[3] !== undefined });
  }
  if (parts.length === 0) return null;
  // "3张表,共10万条": when some numbers carry a row unit, only those are rows.
  const withUnit = parts.filter((p) => p.counted);
  const used = withUnit.length ? withUnit : parts;
  return Math.round(used.reduce((sum, p) => sum + p.value, 0));
}

/** Gigabytes, parts summed ("图片 100GB,音频 160GB" → 260); a bare number is GB; null if none. */
export function parseGigabytes(text: string | null | undefined): number | null {
  if (text === null || text === undefined || isNone(text)) return null;
  const s = prepare(text);
  const re = /(\d+(?:\.\d+)?)\s*([十百千万亿]*)\s*(PB|TB|GB|MB|KB|P|T|G|M|K)?(?![A-Za-z])/gi;
  const parts: { value: number; hasUnit: boolean }[] = [];
  for (const m of s.matchAll(re)) {
    let value = Number(m[1]);
    for (const ch of m[2]) value *= CJK_MULTIPLIER[ch] ?? 1;
    const unit = m[3]?.toUpperCase();
    parts.push({ value: value * (unit ? GB_PER_UNIT[unit] : 1), hasUnit: unit !== undefined });
  }
  if (parts.length === 0) return null;
  // "共2个模态,350GB": when some numbers carry a size unit, only those are sizes.
  const withUnit = parts.filter((p) => p.hasUnit);
  const used = withUnit.length ? withUnit : parts;
  const total = used.reduce((sum, p) => sum + p.value, 0);
  return Math.round(total * 1e6) / 1e6;
}
