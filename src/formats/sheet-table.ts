// Spreadsheet grid -> table block, shaped like a Word table from mammoth: a merged range is one
// cell (its master's value) with colspan/rowspan and the cells it covers are left out.
import type { Block, Cell } from '../types.ts';

/** Zero-based, inclusive. */
export type MergeRange = { r0: number; c0: number; r1: number; c1: number };

export function sheetToTable(name: string, grid: string[][], merges: MergeRange[]): Block {
  // Drop trailing empty rows and columns: sheets often carry formatting far past the data. The
  // grid may be sparse (rows and cells missing): forEach visits only what is there.
  let lastRow = -1;
  let lastCol = -1;
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v.trim() !== '') {
        lastRow = Math.max(lastRow, r);
        lastCol = Math.max(lastCol, c);
      }
    }),
  );
  // Merges are clipped to the data before their cells are listed: a merge may cover whole
  // columns (A1:A1048576) of a sheet holding ten rows.
  const covered = new Set<string>();
  const spans = new Map<string, MergeRange>();
  for (const m of merges) {
    if (m.r0 > lastRow || m.c0 > lastCol) continue;
    spans.set(`${m.r0}:${m.c0}`, m);
    const r1 = Math.min(m.r1, lastRow);
    const c1 = Math.min(m.c1, lastCol);
    for (let r = m.r0; r <= r1; r++) for (let c = m.c0; c <= c1; c++) if (r !== m.r0 || c !== m.c0) covered.add(`${r}:${c}`);
  }
  const rows: Cell[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    const cells: Cell[] = [];
    for (let c = 0; c <= lastCol; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const cell: Cell = { text: (grid[r]?.[c] ?? '').replace(/\r\n?/g, '\n').trim() };
      const m = spans.get(`${r}:${c}`);
      if (m) {
        const colspan = Math.min(m.c1, lastCol) - m.c0 + 1;
        const rowspan = Math.min(m.r1, lastRow) - m.r0 + 1;
        if (colspan > 1) cell.colspan = colspan;
        if (rowspan > 1) cell.rowspan = rowspan;
      }
      cells.push(cell);
    }
    rows.push(cells);
  }
  return { type: 'table', name, rows };
}
