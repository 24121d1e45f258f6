// Rebuilds paragraphs and tables from Word 97 text with its control marks kept: word-extractor
// reads the piece table, and we tell it (see doc.ts) to leave these marks in place:
//   PARA  paragraph end (0x0D)      CELL  cell end (0x07)      ROW  row end (TTP paragraph)
// Word's text stream does not say where a table starts, so a table's first cell is taken to be
// the last paragraph before the first cell mark; after a row end, everything up to the next cell
// mark belongs to the next row's first cell.
import type { Block, Cell } from '../types.ts';

export const PARA = '\ue00d';
export const CELL = '\ue007';
export const ROW = '\n';

function cleanLines(paragraphs: string[]): string {
  return paragraphs
    .flatMap((p) => p.split(/[\n\u2028]/))
    .map((l) => l.replace(/^[ \t\u00a0]+|[ \t\u00a0]+$/g, ''))
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * Word repeats a vertically merged cell as an empty cell in each row it covers. In a label
 * column that is mostly empty (the form's "申报单位信息" / "案例1简要信息" column) we fold those
 * empties into a rowspan on the cell above, as mammoth's HTML does for .docx. A column that is
 * mostly filled (a 序号 column) is left alone: an empty cell there is really empty.
 */
function foldVerticalMerges(rows: Cell[][]): Cell[][] {
  const multi = rows.filter((r) => r.length >= 2);
  const filledFirst = multi.filter((r) => r[0].text !== '').length;
  if (multi.length < 3 || filledFirst * 2 >= multi.length) return rows;
  const out: Cell[][] = [];
  let anchor: Cell | null = null;
  for (const row of rows) {
    if (row.length >= 2 && row[0].text === '' && anchor) {
      anchor.rowspan = (anchor.rowspan ?? 1) + 1;
      out.push(row.slice(1));
      continue;
    }
    anchor = row.length >= 2 && row[0].text !== '' ? row[0] : null;
    out.push(row);
  }
  return out;
}

export function word97TextToBlocks(raw: string): Block[] {
  const blocks: Block[] = [];
  let rows: Cell[][] = [];
  let row: Cell[] = [];
  let pending: string[] = []; // paragraphs not yet known to be text or a cell
  let current = '';
  let inTable = false;

  const closeTable = () => {
    if (rows.length > 0) blocks.push({ type: 'table', rows: foldVerticalMerges(rows) });
    rows = [];
    inTable = false;
  };
  const flushParagraphs = (paras: string[]) => {
    for (const p of paras) {
      const text = cleanLines([p]);
      if (text) blocks.push({ type: 'paragraph', text });
    }
  };

  for (const ch of raw) {
    if (ch === PARA) {
      pending.push(current);
      current = '';
    } else if (ch === CELL) {
      pending.push(current);
      current = '';
      if (row.length === 0 && !inTable) {
        // Start of a table: only the last paragraph is the first cell.
        flushParagraphs(pending.slice(0, -1));
        pending = pending.slice(-1);
      }
      inTable = true;
      row.push({ text: cleanLines(pending) });
      pending = [];
    } else if (ch === ROW && (row.length > 0 || inTable) && current === '' && pending.length === 0) {
      if (row.length > 0) rows.push(row);
      row = [];
    } else {
      current += ch;
    }
  }
  if (current !== '') pending.push(current);
  if (row.length > 0) rows.push(row);
  // Paragraphs after the last row end: the table ended before them.
  closeTable();
  flushParagraphs(pending);
  return blocks;
}
