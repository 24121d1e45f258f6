// The .xlsx read back with exceljs: the notice's layout (title, 推荐单位 line, header, footnote),
// the rows as values, and applicants' text never turned into a formula.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SUMMARY_COLUMNS, summaryTableRows, type SummaryTableRow } from '../../../src/export/summary-table.ts';
import { SUMMARY_FOOTNOTE, SUMMARY_SHEET, SUMMARY_TITLE, summaryTableXlsx } from '../../../src/export/summary-xlsx.ts';
import { makeCase, makeRow } from '../validate/make-extraction.ts';
import { storedApplication } from './stored-application.ts';

const generatedAt = new Date('2025-11-05T17:30:00Z'); // 2025-11-06 01:30 in Beijing

const rows = summaryTableRows([
  storedApplication('1', {
    cases: [makeCase(), makeCase({ case_name: '=HYPERLINK("http://evil.example","点我")', supported_models: '@SUM(A1:A9)' })],
    summary_rows: [makeRow({ benefits: '节约人力成本195万元/年' })],
  }),
  storedApplication('2', { cases: null, summary_rows: null }, '武汉长江冷链物流有限公司'),
]);

async function readBack(data: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SUMMARY_SHEET);
  if (!ws) throw new Error('no 汇总表 sheet');
  return ws;
}

describe('summaryTableXlsx', () => {
  it('lays out title, 推荐单位 line, header, rows and footnote like 附件3', async () => {
    const ws = await readBack(await summaryTableXlsx(rows, { generatedAt }));
    expect(ws.getCell('A1').value).toBe(SUMMARY_TITLE);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 18 });
    expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('K1').isMerged && ws.getCell('K1').master.address).toBe('A1');
    expect(String(ws.getCell('A2').value)).toMatch(/^推荐单位：（盖章）\s+联系人及联系方式：\s+2025年11月6日/);
    expect(String(ws.getCell('A2').value)).toContain('01:30 北京时间');

    const header = ws.getRow(3);
    expect(SUMMARY_COLUMNS.map((_, i) => header.getCell(i + 1).value)).toEqual([
      '序号',
      '数据集案例名称',
      '数据集类别',
      '行业领域',
      '申报方向',
      '结构化数据规模',
      '非结构化数据规模',
      '已服务支撑人工智能算法模型',
      '产生社会经济效益',
      '申报单位名称',
      '申报单位联系人及联系方式',
    ]);
    for (let i = 1; i <= 11; i++) {
      const cell = header.getCell(i);
      expect(cell.font?.bold, cell.address).toBe(true);
      expect(cell.alignment?.wrapText, cell.address).toBe(true);
      expect(cell.border?.top?.style, cell.address).toBe('thin');
      expect(cell.fill, cell.address).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
    }

    const values = (n: number) => SUMMARY_COLUMNS.map((_, i) => ws.getRow(n).getCell(i + 1).value);
    const expected = (r: SummaryTableRow) => SUMMARY_COLUMNS.map((c) => (r[c.key] === '' ? null : r[c.key]));
    expect(values(4)).toEqual(expected(rows[0]));
    expect(values(5)).toEqual(expected(rows[1]));
    expect(values(6)).toEqual(expected(rows[2]));
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('J6').value).toBe('武汉长江冷链物流有限公司');
    expect(ws.getCell('B6').border?.left?.style).toBe('thin');
    expect(ws.getCell('B4').alignment?.wrapText).toBe(true);

    expect(ws.getCell('A7').value).toBe(SUMMARY_FOOTNOTE);
    expect(ws.getCell('K7').master.address).toBe('A7');
    expect(ws.rowCount).toBe(7);
  });

  it('freezes below the header and prints landscape A4, one page wide', async () => {
    const ws = await readBack(await summaryTableXlsx(rows, { generatedAt }));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(20);
  });

  it('writes formula-looking text as a plain string, never a formula', async () => {
    const data = await summaryTableXlsx(rows, { generatedAt });
    const ws = await readBack(data);
    expect(ws.getCell('B5').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B5').value).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(ws.getCell('H5').value).toBe('@SUM(A1:A9)');
    const sheetXml = await (await JSZip.loadAsync(data)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
  });

  it('writes a table with no rows: header directly above the footnote', async () => {
    const ws = await readBack(await summaryTableXlsx([], { generatedAt }));
    expect(ws.getCell('A3').value).toBe('序号');
    expect(ws.getCell('A4').value).toBe(SUMMARY_FOOTNOTE);
  });
});
