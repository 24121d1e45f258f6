// 附件3 汇总表: one SummaryRow per filled row of the table under the title rows. Columns are
// found by their header text, so an added, dropped or reordered column still lands right; a
// 附件3 sent as a Word table reads the same as the spreadsheet.
import type { Block, SummaryRow } from '../types.ts';
import { tablesOf, type Grid } from './table-grid.ts';
import { cleanText, norm } from './text.ts';

type Column = Exclude<keyof SummaryRow, 'seq'> | 'seq';

/** Header text → column; tried in order, so 非结构化 before 结构化 and 联系 before 单位名称. */
const HEADERS: { key: Column; re: RegExp }[] = [
  { key: 'seq', re: /^(序号|编号|No\.?)$/i },
  { key: 'contact', re: /联系/ },
  { key: 'unstructured_scale', re: /非结构化/ },
  { key: 'structured_scale', re: /结构化/ },
  { key: 'case_name', re: /案例名称|^(数据集)?案例$/ },
  { key: 'dataset_category', re: /类别|类型/ },
  { key: 'industry', re: /行业|领域/ },
  { key: 'direction', re: /方向/ },
  { key: 'supported_models', re: /模型/ },
  { key: 'benefits', re: /效益|成效/ },
  { key: 'unit_name', re: /单位名称|^(申报)?单位$/ },
];

/** A 附件3 row with every column blank. */
export const emptySummaryRow = (): SummaryRow => ({
  seq: null,
  case_name: null,
  dataset_category: null,
  industry: null,
  direction: null,
  structured_scale: null,
  unstructured_scale: null,
  supported_models: null,
  benefits: null,
  unit_name: null,
  contact: null,
});

function mapHeader(row: string[]): Map<number, Column> {
  const map = new Map<number, Column>();
  const used = new Set<Column>();
  row.forEach((text, i) => {
    const n = norm(text);
    // Header cells are short labels; a long cell is data or a title.
    if (!n || n.length > 24) return;
    const hit = HEADERS.find((h) => !used.has(h.key) && h.re.test(n));
    if (!hit) return;
    used.add(hit.key);
    map.set(i, hit.key);
  });
  return map;
}

/** A cell as displayed: trimmed lines, a spreadsheet's "100000.0" as "100000", empty → null. */
function display(text: string): string | null {
  const v = cleanText(text);
  if (v === null) return null;
  const num = /^(-?\d+)\.0+$/.exec(v);
  return num ? num[1] : v;
}

function parseSeq(text: string | null): number | null {
  if (!text) return null;
  const m = /^(\d+)(\.0+)?[.、]?$/.exec(text.normalize('NFKC').trim());
  return m ? Number(m[1]) : null;
}

function readTable(grid: Grid): SummaryRow[] | null {
  const headerAt = grid.findIndex((row) => mapHeader(row).size >= 4);
  if (headerAt < 0) return null;
  const columns = mapHeader(grid[headerAt]);
  let dataAt = headerAt + 1;
  // A two-row header ("数据规模" over 结构化 / 非结构化): the second row names the columns left.
  const sub = grid[dataAt] ? mapHeader(grid[dataAt]) : new Map<number, Column>();
  const used = new Set(columns.values());
  const added = [...sub].filter(([i, key]) => !used.has(key) && !columns.has(i));
  if (added.length > 0 && parseSeq(display(grid[dataAt][0] ?? '')) === null) {
    for (const [i, key] of added) columns.set(i, key);
    dataAt++;
  }
  if (![...columns.values()].includes('seq') && !columns.has(0)) columns.set(0, 'seq');
  const rows: SummaryRow[] = [];
  for (const cells of grid.slice(dataAt)) {
    const row = emptySummaryRow();
    let seqText: string | null = null;
    let filled = 0;
    for (const [i, key] of columns) {
      const value = display(cells[i] ?? '');
      if (key === 'seq') {
        seqText = value;
        continue;
      }
      row[key] = value;
      if (value !== null) filled++;
    }
    // The template's pre-numbered empty rows and a note merged across the width are not rows.
    if (filled === 0) continue;
    const distinct = new Set(cells.map((c) => c.trim()).filter((c) => c !== ''));
    if (distinct.size === 1 && parseSeq(seqText) === null && cells.filter((c) => c.trim() !== '').length > 1) continue;
    // A totals row, its word in the 序号 column or in the next one ("合计" under 案例名称).
    if (cells.slice(0, 3).some((c) => /^(合计|总计|小计)[:：]?$/.test(norm(c)))) continue;
    // Header text repeated on a continuation page.
    if (seqText && /^(序号|编号)$/.test(norm(seqText))) continue;
    row.seq = parseSeq(seqText);
    rows.push(row);
  }
  return rows;
}

export type Form3 = { rows: SummaryRow[]; found: boolean };

/** The table of the document with the most filled rows; found=false when no table has the header. */
export function readForm3(blocks: Block[]): Form3 {
  let best: SummaryRow[] | null = null;
  for (const grid of tablesOf(blocks)) {
    const rows = readTable(grid);
    if (rows && (!best || rows.length > best.length)) best = rows;
  }
  return { rows: best ?? [], found: best !== null };
}
