// Which cell of the 汇总表 comes from where: 附件1 first, the matching 附件3 row for the rest,
// and a line for every application even when neither form could be read.
import { describe, expect, it } from 'vitest';
import { summaryTableRows } from '../../../src/export/summary-table.ts';
import { makeCase, makeRow } from '../validate/make-extraction.ts';
import { storedApplication } from './stored-application.ts';

const A = '交通事件图像数据集赋能城市智慧交管';
const B = '路网数据集赋能信号配时';

describe('summaryTableRows', () => {
  it('gives one row per case, numbered 1..N across applications in the given order', () => {
    const two = storedApplication('7', {
      cases: [makeCase(), makeCase({ case_name: B })],
      summary_rows: [makeRow(), makeRow({ seq: 2, case_name: B })],
    });
    const one = storedApplication('3', { unit_name: '武汉晴川教育科技有限公司' });
    const rows = summaryTableRows([two, one]);
    expect(rows.map((r) => [r.applicationId, r.seq, r.case_name])).toEqual([
      ['7', 1, A],
      ['7', 2, B],
      ['3', 3, A],
    ]);
    expect(rows[2].unit_name).toBe('武汉晴川教育科技有限公司');
  });

  it('takes 附件1 values over 附件3 and only benefits (and gaps) from the 附件3 row', () => {
    const app = storedApplication('1', {
      cases: [
        makeCase({
          dataset_category: '行业通识数据集',
          industries: ['交通运输', '城市治理'],
          directions: ['建设应用', '技术创新'],
          structured_rows_text: '126万条',
          unstructured_gb_text: null,
          unstructured_gb: 2048,
          supported_models: null,
        }),
      ],
      summary_rows: [makeRow({ dataset_category: '行业专识数据集', supported_models: '违停识别算法', benefits: '节约人力成本195万元/年' })],
    });
    expect(summaryTableRows([app])[0]).toEqual({
      applicationId: '1',
      seq: 1,
      case_name: A,
      dataset_category: '行业通识数据集',
      industry: '交通运输、城市治理',
      direction: '建设应用、技术创新',
      structured_scale: '126万条',
      unstructured_scale: '2048GB',
      supported_models: '违停识别算法',
      benefits: '节约人力成本195万元/年',
      unit_name: '武汉光谷云图信息技术有限公司',
      contact: '李明 13871234567',
    });
  });

  it('writes the normalized number with 条 / GB when 附件1 kept no raw text', () => {
    const app = storedApplication('1', {
      cases: [makeCase({ structured_rows: 8645000, structured_rows_text: ' ', unstructured_gb: 1.5, unstructured_gb_text: null })],
    });
    const [row] = summaryTableRows([app]);
    expect([row.structured_scale, row.unstructured_scale]).toEqual(['8645000条', '1.5GB']);
  });

  it('matches 附件3 rows by case name (reordered rows), else by position', () => {
    const app = storedApplication('1', {
      cases: [makeCase({ case_name: B }), makeCase({ case_name: '改名后的案例' }), makeCase()],
      summary_rows: [
        makeRow({ benefits: 'A的效益' }),
        makeRow({ case_name: '改名前的案例', benefits: '第二行效益' }),
        makeRow({ case_name: B, benefits: 'B的效益' }),
      ],
    });
    expect(summaryTableRows([app]).map((r) => [r.case_name, r.benefits])).toEqual([
      [B, 'B的效益'],
      ['改名后的案例', '第二行效益'],
      [A, 'A的效益'],
    ]);
  });

  it('does not give a case a 附件3 row by position when that row is named for another case', () => {
    const app = storedApplication('1', {
      cases: [makeCase({ case_name: '只在附件1' }), makeCase()],
      summary_rows: [makeRow({ benefits: 'A的效益' })],
    });
    expect(summaryTableRows([app]).map((r) => r.benefits)).toEqual(['', 'A的效益']);
  });

  it('uses the 附件3 rows when 附件1 has no cases', () => {
    const app = storedApplication('1', {
      contact_name: null,
      contact_phone: null,
      cases: null,
      summary_rows: [makeRow({ direction: '高质量数据集建设应用', contact: '王五 027-87654321' }), makeRow({ seq: 2, case_name: B })],
    });
    const rows = summaryTableRows([app]);
    expect(rows.map((r) => [r.seq, r.case_name, r.direction, r.contact])).toEqual([
      [1, A, '高质量数据集建设应用', '王五 027-87654321'],
      [2, B, '高质量数据集建设应用', '李明 13871234567'],
    ]);
  });

  it('keeps an application with neither form as one row with its unit and contact', () => {
    const bare = storedApplication('9', { cases: [], summary_rows: null, contact_phone: '13900000000' }, '武汉长江冷链物流有限公司');
    const rows = summaryTableRows([storedApplication('1'), bare]);
    expect(rows[1]).toEqual({
      applicationId: '9',
      seq: 2,
      case_name: '',
      dataset_category: '',
      industry: '',
      direction: '',
      structured_scale: '',
      unstructured_scale: '',
      supported_models: '',
      benefits: '',
      unit_name: '武汉长江冷链物流有限公司',
      contact: '李明 13900000000',
    });
  });

  it('falls back to the record and then the 附件3 unit name', () => {
    const fromRecord = storedApplication('1', {}, null);
    const fromRow = storedApplication('2', { unit_name: null, cases: null, summary_rows: [makeRow({ unit_name: '附件3里的单位' })] }, null);
    expect(summaryTableRows([fromRecord, fromRow]).map((r) => r.unit_name)).toEqual(['武汉光谷云图信息技术有限公司', '附件3里的单位']);
  });

  it('returns no rows for no applications', () => {
    expect(summaryTableRows([])).toEqual([]);
  });
});
