// SheetJS workbook -> one table block per sheet, for .xlsx, .xls and .et alike. Cell text is the
// formatted value (`w`), i.e. as displayed: numbers without ".0", dates in their format.
// Only the cells a sheet holds are read (dense mode, holes skipped), never the ranges it
// declares: a <dimension>, a merge or a data validation may span the whole sheet
// (A1:XFD1048576, 17 billion cells) around a handful of values.
import * as XLSX from '@e965/xlsx';
import type { Block } from '../types.ts';
import { sheetToTable, type MergeRange } from './sheet-table.ts';

/** What every workbook is read with: dense sheets, number formats kept, no formulas or HTML. */
export const WORKBOOK_READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellNF: true,
  cellDates: false,
  cellFormula: false,
  cellHTML: false,
};

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === 'z') return '';
  if (cell.w !== undefined) return String(cell.w);
  if (cell.v === undefined || cell.v === null) return '';
  return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
}

export function workbookToBlocks(wb: XLSX.WorkBook): Block[] {
  const blocks: Block[] = [];
  for (const name of wb.SheetNames) {
    const data = (wb.Sheets[name]?.['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
    // Sparse like the sheet: forEach skips the holes, so the work follows the cells present.
    const grid: string[][] = [];
    data.forEach((row, r) => {
      const cells: string[] = [];
      row?.forEach((cell, c) => (cells[c] = cellText(cell)));
      grid[r] = cells;
    });
    const merges: MergeRange[] = (wb.Sheets[name]?.['!merges'] ?? []).map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c }));
    blocks.push(sheetToTable(name, grid, merges));
  }
  return blocks;
}
