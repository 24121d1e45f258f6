// Tables as the readers need them, whatever the source format: a rectangular grid where a cell
// merged across rows is repeated down (a vertically merged "申报单位名称" belongs to every row it
// spans) and a cell merged across columns stays in its first column only.
import type { Block, Cell } from '../types.ts';

export type Grid = string[][];

export function expandGrid(rows: Cell[][]): Grid {
  const grid: Grid = [];
  // pending[c] = rows still covered by a rowspan started above in column c.
  const pending: { text: string; left: number; width: number }[] = [];
  rows.forEach((row, r) => {
    const out: string[] = [];
    let c = 0;
    const fillCovered = () => {
      while (pending[c] && pending[c].left > 0) {
        const p = pending[c];
        out[c] = p.text;
        for (let k = 1; k < p.width; k++) out[c + k] = '';
        p.left--;
        c += p.width;
      }
    };
    for (const cell of row) {
      fillCovered();
      const width = Math.max(1, cell.colspan ?? 1);
      const height = Math.max(1, cell.rowspan ?? 1);
      out[c] = cell.text;
      for (let k = 1; k < width; k++) out[c + k] = '';
      if (height > 1) pending[c] = { text: cell.text, left: height - 1, width };
      c += width;
    }
    fillCovered();
    // A short row still ends under the rowspans of the columns it doesn't reach.
    for (let k = c; k < pending.length; k++) {
      const p = pending[k];
      if (!p || p.left <= 0) continue;
      out[k] = p.text;
      p.left--;
    }
    for (let k = 0; k < out.length; k++) if (out[k] === undefined) out[k] = '';
    grid[r] = out;
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => r.concat(new Array<string>(width - r.length).fill('')));
}

/**
 * Every table of a document as a grid. Paragraphs holding tab-separated cells (a table that a
 * plain-text extractor flattened) count as a table when several follow each other.
 */
export function tablesOf(blocks: Block[]): Grid[] {
  const tables: Grid[] = [];
  let run: string[][] = [];
  const flush = () => {
    if (run.length >= 2) tables.push(expandGrid(run.map((cells) => cells.map((text) => ({ text })))));
    run = [];
  };
  for (const b of blocks) {
    if (b.type === 'table') {
      flush();
      tables.push(expandGrid(b.rows));
    } else if (b.text.includes('\t')) {
      run.push(b.text.split('\t').map((t) => t.trim()));
    } else {
      flush();
    }
  }
  flush();
  return tables;
}
