// 附件2 案例介绍: the four sections 一、背景描述 / 二、创新点 / 三、应用成效 / 四、相关材料, found by
// their headings in any numbering ("一、", "(一)", "1.", none), with or without the "(200字左右)"
// guide, in paragraphs or in table cells. Numbering inside the text is kept; headings are not.
import type { Block, Intro } from '../types.ts';
import { isTemplateText } from './template-text.ts';
import { norm } from './text.ts';

type Section = keyof Intro;

const SECTIONS: { key: Section; names: string[] }[] = [
  { key: 'background', names: ['背景描述', '案例背景', '建设背景', '项目背景', '背景介绍', '背景情况', '背景'] },
  { key: 'innovation', names: ['创新点及亮点', '创新点和亮点', '创新点', '创新亮点', '主要创新', '创新性', '创新'] },
  { key: 'effects', names: ['应用成效', '应用效果', '实施成效', '应用成果', '取得成效', '成效'] },
  { key: 'materials', names: ['相关材料', '证明材料', '佐证材料', '附件材料', '相关附件', '材料'] },
];

const NUMBERING = /^(第?[一二三四五六七八九十]+[、.:．]|\(?[一二三四五六七八九十]+\)[、.]?|\(?[0-9]+[、.．)]|[①②③④])/;
/** "(200字左右)", "(不少于500字)", "(可附图表)": the guide printed after a heading. */
const GUIDE = /^\([^()]{0,16}\)/;

export type Heading = { key: Section; inline: string };

/** A heading line, and any text written after it on the same line ("一、背景描述:当前…"). */
export function matchHeading(line: string): Heading | null {
  const n = norm(line);
  // "一 背景描述" / "1 背景描述": numbering set off by a space instead of punctuation.
  const spacedNumber = /^[\s\u3000]*(第?[一二三四五六七八九十]+|[0-9]+)[\s\u3000]+/.exec(line);
  const numbered = NUMBERING.exec(n) ?? (spacedNumber ? [norm(spacedNumber[0])] : null);
  const body = numbered ? n.slice(numbered[0].length) : n;
  for (const { key, names } of SECTIONS) {
    for (const name of names) {
      if (!body.startsWith(name)) continue;
      // Two-character names are headings only when numbered ("四、材料"), never bare words.
      if (name.length <= 2 && !numbered) continue;
      let rest = body.slice(name.length);
      for (let g = GUIDE.exec(rest); g; g = GUIDE.exec(rest)) rest = rest.slice(g[0].length);
      if (rest === '' || /^[:。.]$/.test(rest)) return { key, inline: '' };
      if (/^:/.test(rest)) {
        const colon = line.search(/[:：]/);
        return { key, inline: colon >= 0 ? line.slice(colon + 1).trim() : '' };
      }
      // "一、背景描述 当前,……": a numbered full heading, then a space, then the text.
      const spaced =
        numbered && name.length >= 3 ? new RegExp(`${name}(?:[(（][^)）]{0,16}[)）])*[\\s\u3000]+(\\S.*)$`, 's').exec(line) : null;
      if (spaced) return { key, inline: spaced[1].trim() };
      return null;
    }
  }
  return null;
}

/** Every line of the document in reading order; table cells row by row. */
function linesOf(blocks: Block[]): string[] {
  const lines: string[] = [];
  const add = (text: string) => {
    for (const l of text.split('\n')) if (l.trim() !== '') lines.push(l.trim());
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      add(b.text);
      continue;
    }
    for (const row of b.rows) {
      let previous: string | null = null;
      for (const cell of row) {
        if (cell.text === previous) continue;
        previous = cell.text;
        add(cell.text);
      }
    }
  }
  return lines;
}

export type Form2 = { intro: Intro; headingCount: number };

export function readForm2(blocks: Block[]): Form2 {
  const parts: Record<Section, string[]> = { background: [], innovation: [], effects: [], materials: [] };
  let current: Section | null = null;
  let headingCount = 0;
  for (const line of linesOf(blocks)) {
    const heading = matchHeading(line);
    // "3.证明材料" inside 四、相关材料 is an item of the list, not the heading again.
    if (heading && !(heading.key === current && !heading.inline && parts[current].length > 0)) {
      current = heading.key;
      headingCount++;
      if (heading.inline) parts[current].push(heading.inline);
      continue;
    }
    if (current) parts[current].push(line);
  }
  const text = (key: Section): string | null => {
    const kept = parts[key].filter((l) => !isTemplateText(l));
    return kept.length ? kept.join('\n') : null;
  };
  return {
    intro: { background: text('background'), innovation: text('innovation'), effects: text('effects'), materials: text('materials') },
    headingCount,
  };
}
