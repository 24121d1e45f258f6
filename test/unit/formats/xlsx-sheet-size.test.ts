// Issue 7.8 (1, 2): reading a sheet must be linear in the cells it holds. A 20,000 × 10 sample
// workbook timed out (the cell loop re-counted columns over every row for every cell), and an
// 8 KB workbook whose only content is a data validation over whole columns (A1:XFD1048576)
// exhausted the parse thread's memory (exceljs expands such ranges cell by cell, issue #1842).
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { parseDocument } from '../../../src/formats/registry.ts';
import type { Block } from '../../../src/types.ts';

// The service's default limits (INTAKE_PARSE_TIMEOUT_MS, INTAKE_PARSE_MEMORY_MB): a readable
// answer means the sheet parsed within them. No timing is asserted beyond that.
const DEFAULT_TIMEOUT_MS = 60_000;
const pool = new ParsePool({ size: 1, timeoutMs: DEFAULT_TIMEOUT_MS, memoryMb: 512 });
afterAll(() => pool.close());

const table = (blocks: Block[] | undefined) => {
  const b = blocks?.[0];
  return b?.type === 'table' ? b : null;
};

function sampleWorkbook(rows: number, cols: number): Buffer {
  const aoa: (string | number)[][] = [Array.from({ length: cols }, (_, c) => `字段${c + 1}`)];
  for (let r = 0; r < rows; r++) aoa.push(Array.from({ length: cols }, (_, c) => (c % 2 === 0 ? r * cols + c : `值${r}-${c}`)));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '样例数据');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

/**
 * Two values, and ranges over the whole sheet around them, as Excel writes a dropdown on whole
 * columns: the dimension, a data validation, and a merge down a whole column.
 */
async function wholeSheetRanges(): Promise<Buffer> {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['类别'], [null, '行业专识数据集']]), 'Sheet1');
  const zip = await JSZip.loadAsync(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  const path = 'xl/worksheets/sheet1.xml';
  const xml = (await zip.file(path)!.async('string'))
    .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
    .replace(
      '</sheetData>',
      '</sheetData><mergeCells count="1"><mergeCell ref="B2:B1048576"/></mergeCells>' +
        '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
    );
  zip.file(path, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('reading a sheet is linear in its cells', () => {
  it('reads a 20,000 × 10 sample workbook within the default parse limits', { timeout: DEFAULT_TIMEOUT_MS * 2 }, async () => {
    const content = sampleWorkbook(20_000, 10);
    const r = await pool.parse({ filename: '数据集样例.xlsx', contentType: '', content });
    expect(r.error).toBeUndefined();
    const t = table(r.parsed?.blocks);
    expect(t?.rows).toHaveLength(20_001);
    expect(t?.rows.every((row) => row.length === 10)).toBe(true);
    expect(t?.rows[20_000].map((c) => c.text)).toEqual(
      Array.from({ length: 10 }, (_, c) => (c % 2 === 0 ? String(19_999 * 10 + c) : `值19999-${c}`)),
    );
  });

  it('reads the cells of a sheet whose validation, merge and dimension span every cell', async () => {
    const content = await wholeSheetRanges();
    expect(content.length).toBeLessThan(16 * 1024);
    const r = await parseDocument({ filename: '附件3.xlsx', contentType: '', content });
    expect(r.error).toBeUndefined();
    expect(table(r.parsed?.blocks)?.rows).toEqual([
      [{ text: '类别' }, { text: '' }],
      [{ text: '' }, { text: '行业专识数据集' }],
    ]);
  });
});
