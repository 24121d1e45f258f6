// The 汇总表 as an .xlsx laid out like the notice's 附件3: title, the 推荐单位 line, the header
// table, the footnote. Every cell is written as a plain value (string or number), never a
// formula: the text comes from applicants' emails, and exceljs only writes a formula for a
// { formula } object, which nothing here builds.
import ExcelJS from 'exceljs';
import { toShanghaiText } from '../campaign/deadline.ts';
import { SUMMARY_COLUMNS, type SummaryTableRow } from './summary-table.ts';

export const SUMMARY_TITLE = '武汉市行业高质量数据集应用典型案例征集汇总表';
export const SUMMARY_FOOTNOTE = '结构化数据以行/条为单位，非结构化数据需列明数据模态，并以 GB 为单位。';
export const SUMMARY_SHEET = '汇总表';

/** Character widths for Chinese text (a CJK character is about two Latin widths). */
const WIDTHS: Record<(typeof SUMMARY_COLUMNS)[number]['key'], number> = {
  seq: 6,
  case_name: 26,
  dataset_category: 14,
  industry: 14,
  direction: 20,
  structured_scale: 14,
  unstructured_scale: 18,
  supported_models: 28,
  benefits: 28,
  unit_name: 24,
  contact: 22,
};

const FONT = '宋体';
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_ROW = 3;

/** The notice's 年 月 日, filled with the export date (Asia/Shanghai, whatever the server's zone). */
function beijingDate(d: Date): string {
  const [day, time] = toShanghaiText(d).split(' ');
  return `${day}（导出于 ${time} 北京时间）`;
}

/** Only strings and numbers reach a cell (a stray object would be an exceljs rich value); blank stays empty. */
const plain = (v: string | number): string | number | null => (typeof v === 'number' ? v : v === '' ? null : String(v));

export async function summaryTableXlsx(rows: SummaryTableRow[], opts: { generatedAt: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = opts.generatedAt;
  wb.modified = opts.generatedAt;
  const last = SUMMARY_COLUMNS.length;
  const ws = wb.addWorksheet(SUMMARY_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages tall as needed
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  ws.columns = SUMMARY_COLUMNS.map((c) => ({ key: c.key, width: WIDTHS[c.key] }));

  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = SUMMARY_TITLE;
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;

  ws.mergeCells(2, 1, 2, last);
  const unitLine = ws.getCell(2, 1);
  unitLine.value = `推荐单位：（盖章）        联系人及联系方式：        ${beijingDate(opts.generatedAt)}`;
  unitLine.font = { name: FONT, size: 11 };
  unitLine.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(2).height = 22;

  const header = ws.getRow(HEADER_ROW);
  SUMMARY_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
  });
  header.height = 36;

  rows.forEach((r, n) => {
    const row = ws.getRow(HEADER_ROW + 1 + n);
    SUMMARY_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = plain(r[c.key]);
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { horizontal: c.key === 'seq' ? 'center' : 'left', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
  });

  const footRow = HEADER_ROW + rows.length + 1;
  ws.mergeCells(footRow, 1, footRow, last);
  const foot = ws.getCell(footRow, 1);
  foot.value = SUMMARY_FOOTNOTE;
  foot.font = { name: FONT, size: 10 };
  foot.alignment = { horizontal: 'left', vertical: 'middle' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
