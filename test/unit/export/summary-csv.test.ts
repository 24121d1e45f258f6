// The CSV: BOM for Excel, RFC 4180 quoting, CRLF, and no formula injection from email content.
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, summaryTableCsv } from '../../../src/export/summary-csv.ts';
import type { SummaryTableRow } from '../../../src/export/summary-table.ts';

const row = (over: Partial<SummaryTableRow> = {}): SummaryTableRow => ({
  applicationId: '1',
  seq: 1,
  case_name: '交通事件图像数据集赋能城市智慧交管',
  dataset_category: '行业专识数据集',
  industry: '交通运输、城市治理',
  direction: '建设应用',
  structured_scale: '126万条',
  unstructured_scale: '2TB',
  supported_models: '违停识别算法',
  benefits: '节约人力成本195万元/年',
  unit_name: '武汉光谷云图信息技术有限公司',
  contact: '李明 13871234567',
  ...over,
});

describe('summaryTableCsv', () => {
  it('starts with a BOM and the 11 column names, ends lines with CRLF', () => {
    const csv = summaryTableCsv([row()]);
    expect(csv.startsWith('\uFEFF序号,数据集案例名称,数据集类别,行业领域,申报方向,结构化数据规模,非结构化数据规模,')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF序号,数据集案例名称,数据集类别,行业领域,申报方向,结构化数据规模,非结构化数据规模,已服务支撑人工智能算法模型,产生社会经济效益,申报单位名称,申报单位联系人及联系方式',
      '1,交通事件图像数据集赋能城市智慧交管,行业专识数据集,交通运输、城市治理,建设应用,126万条,2TB,违停识别算法,节约人力成本195万元/年,武汉光谷云图信息技术有限公司,李明 13871234567',
      '',
    ]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const csv = summaryTableCsv([
      row({ case_name: '图片 100GB,音频 160GB', supported_models: '“晴川”模型 "v2"', benefits: '第一行\n第二行' }),
    ]);
    const line = csv.split('\r\n').slice(1).join('\r\n');
    expect(line).toContain(',"图片 100GB,音频 160GB",');
    expect(line).toContain(',"“晴川”模型 ""v2""",');
    expect(line).toContain(',"第一行\n第二行",');
  });

  it('puts an apostrophe before cells a spreadsheet would run as a formula', () => {
    const csv = summaryTableCsv([
      row({
        case_name: "=cmd|' /C calc'!A0",
        industry: '+1',
        direction: '-2+3',
        structured_scale: '@SUM(A1)',
        unstructured_scale: '\t=1',
        benefits: '\r=1',
      }),
    ]);
    const cells = csv.split('\r\n')[1];
    expect(cells).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(cells).toContain(`,'+1,'-2+3,'@SUM(A1),'\t=1,违停识别算法,"'\r=1",`);
  });

  it('leaves ordinary text alone', () => {
    for (const v of ['027-87356018', '1.2亿行', 'a=b', '', '—']) expect(neutraliseFormula(v)).toBe(v);
    expect(neutraliseFormula('-')).toBe("'-");
  });

  it('writes the header alone for no rows', () => {
    expect(summaryTableCsv([]).split('\r\n')).toHaveLength(2);
  });
});
