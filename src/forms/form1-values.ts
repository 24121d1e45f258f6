// Values of 附件1 cells that hold more than one thing: the contact cell (name, title, phone),
// the dataset cell (name and category), the declaration date.
import { CATEGORIES, canonicalCategory } from './options.ts';
import { readTicks } from './ticks.ts';
import { cleanText, norm } from './text.ts';

export type Contact = { name: string | null; title: string | null; phone: string | null };

/**
 * Digit runs long enough to be a phone: "027-87356018", "13900000000", "+86 139 0000 0000", with
 * its extension ("027-87654321 转 8001", "分机 8001", "ext. 8001") and a note about the number
 * ("（微信同号）"), which belong to the phone, not to the title.
 */
const PHONE =
  /(?:\+?86[\s-]?)?\d[\d\s\-－—()（）]{5,}\d(?:\s*[-－—]?\s*(?:转|分机|ext\.?|x)\s*\d{1,6})?(?:\s*[(（][^()（）\d]*(?:微信|同号|办公|值班|工作日|工作时间)[^()（）\d]*[)）])?/gi;
const CONTACT_LABELS = /(负责人|联系人|姓名|职务|职位|职称|联系电话|联系方式|手机号码|手机号|手机|电话|座机)\s*[:：]/g;

/** "陈志远,副院长,027-87356018" / "负责人:黄建华 职务:技术总监 电话:158…" / "张伟 运营总监". */
export function splitContact(text: string | null): Contact {
  if (!text) return { name: null, title: null, phone: null };
  let phone: string | null = null;
  const rest = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(CONTACT_LABELS, ' ')
    .replace(PHONE, (m) => {
      const digits = m.replace(/\D/g, '');
      if (digits.length < 7) return m;
      if (phone === null) phone = m.trim();
      return ' ';
    });
  const parts = rest.split(/[\s\u3000,，、/／;；|()（）:：]+/).filter((p) => p !== '');
  return {
    name: parts[0] ?? null,
    title: parts.length > 1 ? parts.slice(1).join(' ') : null,
    phone,
  };
}

/** "2025 年 10 月 28 日", "2025.11.05", "2025-11-5" → ISO date; null when blank or not a date. */
export function parseDeclaredDate(text: string | null): string | null {
  if (!text) return null;
  const m = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})/.exec(text.normalize('NFKC'));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type DatasetName = { name: string | null; category: string | null };

const CATEGORY_WORD = '(?:行业通识|行业专识|通识|专识)(?:数据集)?(?:类)?';
/**
 * Category at the end, after a separator, in brackets or on a line of its own: "X数据集(行业专识数据集)",
 * "X / 行业通识", "X数据集\n行业专识数据集".
 */
const TRAILING = new RegExp(
  `^(.*?)[\\s\\u3000]*(?:[(（【\\[]\\s*(?:类别[:：])?\\s*(${CATEGORY_WORD})\\s*[)）】\\]]|[;；,，、/／|｜\\-—:：]\\s*(?:类别[:：])?\\s*(${CATEGORY_WORD})|[\\s\\u3000]+(${CATEGORY_WORD}))[\\s。.]*$`,
  's',
);

/**
 * The dataset cell: "长江江豚声学监测数据集(行业专识数据集)", "X;行业专识数据集", "X / 行业通识",
 * "名称:X\n类别:Y", or the name above a category checkbox line.
 */
export function splitDatasetName(text: string | null): DatasetName {
  const value = cleanText(text);
  if (!value) return { name: null, category: null };
  const lines = value.split('\n');

  // A checkbox line of categories.
  const boxLine = lines.findIndex((l) => {
    const t = readTicks(l, CATEGORIES);
    return t.hasBoxes && t.named.length > 0;
  });
  if (boxLine >= 0) {
    const line = lines[boxLine];
    const ticked = readTicks(line, CATEGORIES).ticked;
    // The name may sit on the checkbox line itself, before the first box or category.
    const lead = line.slice(0, firstBoxOrCategory(line)).replace(/(数据集)?类别\s*[:：]?[\s\u3000]*$/, '');
    const rest = [...lines.slice(0, boxLine), lead, ...lines.slice(boxLine + 1)].join('\n');
    return { name: stripNameLabel(rest), category: ticked.length === 1 ? ticked[0] : null };
  }

  // Labelled lines: "名称:X" / "类别:Y".
  const catLine = lines.findIndex((l) => /^(数据集)?类别\s*[:：]/.test(norm(l)));
  if (catLine >= 0) {
    const category = canonicalCategory(lines[catLine].replace(/^[^:：]*[:：]/, ''));
    const rest = lines.filter((_, i) => i !== catLine).join('\n');
    return { name: stripNameLabel(rest), category };
  }

  const m = TRAILING.exec(value);
  if (m) return { name: stripNameLabel(m[1]), category: canonicalCategory(m[2] ?? m[3] ?? m[4]) };
  return { name: stripNameLabel(value), category: null };
}

/** Offset of the first box, tick or category word in a checkbox line (the name, if any, is before it). */
function firstBoxOrCategory(line: string): number {
  const box = line.search(/[□☐☑■√✓✔☒⊠▣\uF000-\uF0FF]|(?<![A-Za-z])[xX](?=[\s\u3000]*(行业|通识))/);
  const word = CATEGORIES.flatMap((o) => o.spellings)
    .map((w) => line.indexOf(w))
    .filter((i) => i >= 0);
  return Math.min(box < 0 ? line.length : box, ...word);
}

function stripNameLabel(text: string): string | null {
  const v = cleanText(text.replace(/^[\s\u3000]*(数据集)?名称\s*[:：]/, ''));
  return v ? v.replace(/[\s;；,，、/／|｜]+$/, '') || null : null;
}
