// .xls and WPS .et (BIFF8 in an OLE2 file with a Workbook stream) via SheetJS 0.20.3 from its
// @e965/xlsx registry mirror (xlsx@0.18 on npm carries unfixed advisories). Cell text is the
// formatted value (`w`), i.e. as displayed: numbers without ".0", dates in their format.
import * as XLSX from '@e965/xlsx';
import type { Block, ParsedDocument } from '../types.ts';
import { blocksToText } from './html-to-blocks.ts';
import { hasOleStream, isOle2 } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { sheetToTable, type MergeRange } from './sheet-table.ts';

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === 'z') return '';
  if (cell.w !== undefined) return String(cell.w);
  if (cell.v === undefined || cell.v === null) return '';
  return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
}

export function workbookToBlocks(wb: XLSX.WorkBook): Block[] {
  const blocks: Block[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws || !ws['!ref']) {
      blocks.push({ type: 'table', name, rows: [] });
      continue;
    }
    const range = XLSX.utils.decode_range(ws['!ref']);
    const grid: string[][] = [];
    for (let r = 0; r <= range.e.r; r++) {
      const row: string[] = [];
      for (let c = 0; c <= range.e.c; c++) row.push(cellText(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
      grid.push(row);
    }
    const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c }));
    blocks.push(sheetToTable(name, grid, merges));
  }
  return blocks;
}

export const xlsParser: FormatParser = {
  format: 'xls',
  confidence(probe: FileProbe): number {
    if (!isOle2(probe.head)) return 0;
    if (hasOleStream(probe.head, 'Workbook') || hasOleStream(probe.head, 'Book')) return 1;
    return /\.(xls|et|xlt)$/i.test(probe.filename) ? 0.3 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    let wb: XLSX.WorkBook;
    try {
      wb = XLSX.read(content, { type: 'buffer', cellDates: false, cellNF: true, dense: false });
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      throw new UnreadableError(`xls: ${message}`, /encrypt|password/i.test(message) ? 'encrypted' : 'corrupt');
    }
    const blocks = workbookToBlocks(wb);
    return { format: 'xls', blocks, text: blocksToText(blocks) };
  },
};
