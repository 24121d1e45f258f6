// .xlsx via exceljs: merged ranges read from their master cell, rich text joined, formula results
// used, values shown as the sheet displays them (number formats applied with SheetJS's SSF, so
// 1200000 stays "1200000" and a date cell reads as its format says).
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import type { Block, ParsedDocument } from '../types.ts';
import { blocksToText } from './html-to-blocks.ts';
import { hasOleStream, isOle2, isZip, ooxmlKind } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { sheetToTable, type MergeRange } from './sheet-table.ts';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function formatNumber(value: number, numFmt: string | undefined): string {
  const fmt = numFmt && numFmt !== '' ? numFmt : 'General';
  try {
    return XLSX.SSF.format(fmt, value);
  } catch {
    return String(value);
  }
}

function formatDate(value: Date, numFmt: string | undefined): string {
  const serial = (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  const fmt = numFmt && /[ymdhs]/i.test(numFmt) ? numFmt : 'yyyy-mm-dd';
  try {
    return XLSX.SSF.format(fmt, serial);
  } catch {
    return value.toISOString().slice(0, 10);
  }
}

function valueText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value, numFmt);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result && typeof result === 'object' && 'error' in result) return String((result as { error: string }).error);
    return valueText((result ?? null) as ExcelJS.CellValue, numFmt);
  }
  if ('hyperlink' in value) return valueText(value.text as ExcelJS.CellValue, numFmt);
  if ('error' in value) return String(value.error);
  return '';
}

async function readBlocks(content: Buffer): Promise<Block[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const blocks: Block[] = [];
  wb.eachSheet((ws) => {
    const grid: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        cells.push(cell.isMerged && cell.master !== cell ? '' : valueText(cell.value, cell.numFmt));
      }
      grid.push(cells);
    }
    const ranges = ((ws.model as { merges?: string[] }).merges ?? []).map((ref): MergeRange => {
      const d = XLSX.utils.decode_range(ref);
      return { r0: d.s.r, c0: d.s.c, r1: d.e.r, c1: d.e.c };
    });
    blocks.push(sheetToTable(ws.name, grid, ranges));
  });
  return blocks;
}

export const xlsxParser: FormatParser = {
  format: 'xlsx',
  confidence(probe: FileProbe): number {
    // An encrypted .xlsx is an OLE2 file holding an EncryptedPackage stream.
    if (hasOleStream(probe.head, 'EncryptedPackage') && /\.(xlsx|xlsm)$/i.test(probe.filename)) return 0.95;
    if (!isZip(probe.head)) return 0;
    const kind = ooxmlKind(probe.head);
    if (kind === 'xlsx') return 1;
    if (kind !== null) return 0;
    if (ooxmlKind(probe.head, true) === 'xlsx') return 0.8;
    return /\.(xlsx|xlsm|xltx)$/i.test(probe.filename) || /spreadsheetml/i.test(probe.contentType) ? 0.9 : 0;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    if (isOle2(content)) throw new UnreadableError('xlsx: password-protected workbook', 'encrypted');
    let blocks: Block[];
    try {
      blocks = await readBlocks(content);
    } catch (err) {
      throw new UnreadableError(`xlsx: ${(err as Error).message ?? String(err)}`, 'corrupt');
    }
    return { format: 'xlsx', blocks, text: blocksToText(blocks) };
  },
};
