import { describe, expect, it } from 'vitest';
import { readForm1 } from '../../../src/forms/form1-reader.ts';
import type { Block } from '../../../src/types.ts';
import { c, form1, p, table } from './fixtures.ts';

const CASE_A = {
  n: 1,
  name: '甲数据集赋能乙',
  dataset: '甲数据集(行业专识数据集)',
  rows: '10万条',
  gb: '图片 100GB,音频 160GB',
  tick: '☑',
};
const CASE_B = { n: 2, name: '丙数据集赋能丁', dataset: '丙数据集 / 行业通识', rows: '/', gb: '2TB', tick: '■' };

describe('readForm1', () => {
  it('reads the unit and one case of the template', () => {
    const r = readForm1(form1([CASE_A]));
    expect(r).toMatchObject({
      unit_name: '测试单位有限公司',
      uscc: '91420100TEST00000X',
      unit_address: '武汉市某区某路1号',
      contact_name: '王五',
      contact_title: '总经理',
      contact_phone: '13900001111',
      declared_date: '2025-10-28',
    });
    expect(r.cases).toEqual([
      {
        case_name: '甲数据集赋能乙',
        dataset_name: '甲数据集',
        dataset_category: '行业专识数据集',
        structured_rows: 100000,
        structured_rows_text: '10万条',
        unstructured_gb: 260,
        unstructured_gb_text: '图片 100GB,音频 160GB',
        directions: ['建设应用', '技术创新'],
        industries: ['工业制造'],
        modalities: ['文本'],
        agree_publicity: true,
        agree_listing: false,
        listed_elsewhere: null,
        involves_personal_info: false,
        supported_models: '无',
        overview: '概况1第一段\n概况1第二段',
        scenarios: '场景1',
      },
    ]);
  });

  it('reads repeated 案例N blocks as separate cases', () => {
    const r = readForm1(form1([CASE_A, CASE_B]));
    expect(r.cases.map((x) => [x.case_name, x.dataset_name, x.dataset_category, x.structured_rows, x.unstructured_gb])).toEqual([
      ['甲数据集赋能乙', '甲数据集', '行业专识数据集', 100000, 260],
      ['丙数据集赋能丁', '丙数据集', '行业通识数据集', null, 2048],
    ]);
    expect(r.cases[1].directions).toEqual(['建设应用', '技术创新']);
  });

  it("ignores the template's empty 案例2 block", () => {
    const blocks = form1([CASE_A]);
    const t = blocks[3] as Extract<Block, { type: 'table' }>;
    t.rows.splice(t.rows.length - 1, 0, [
      c('“案例2”简要信息'),
      c('(如本次申报涉及多个数据集,请复制“案例1”简要信息部分表格,并进行填写,以此类推)', 6),
    ]);
    expect(readForm1(blocks).cases).toHaveLength(1);
  });

  it('template instruction text left in a cell is empty; a blank date is null', () => {
    const blocks = form1([CASE_A], { date: '    年  月  日', contact: '张伟  运营总监' });
    const t = blocks[3] as Extract<Block, { type: 'table' }>;
    const overview = t.rows.find((r) => r[0].text.startsWith('数据集概况'))!;
    overview[1] = c('(对数据集进行简要描述,包括数据集总量、建设目的、建设方法、用途及模型验证等)', 5);
    const r = readForm1(blocks);
    expect(r.cases[0].overview).toBeNull();
    expect(r.declared_date).toBeNull();
    expect([r.contact_name, r.contact_title, r.contact_phone]).toEqual(['张伟', '运营总监', null]);
  });

  it('reads the same when a converter flattened the tables into tab-separated lines', () => {
    const flat = form1([CASE_A, CASE_B])
      .flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.rows.map((r) => r.map((x) => x.text).join('\t'))))
      .flatMap((t) => t.split('\n'))
      .map(p);
    const r = readForm1(flat);
    expect(r.unit_name).toBe('测试单位有限公司');
    expect(r.cases).toHaveLength(2);
    expect(r.cases[0].overview).toBe('概况1第一段\n概况1第二段');
    expect(r.cases[1].unstructured_gb).toBe(2048);
  });

  it('reads the same when merged cells are repeated across their columns', () => {
    const repeated = form1([CASE_A]).map((b) =>
      b.type === 'paragraph' ? b : table(b.rows.map((r) => r.flatMap((x) => Array.from({ length: x.colspan ?? 1 }, () => c(x.text))))),
    );
    const r = readForm1(repeated);
    expect(r.cases).toHaveLength(1);
    expect(r.cases[0].scenarios).toBe('场景1');
    expect(r.cases[0].agree_publicity).toBe(true);
  });

  it('reads values written after a colon in the label cell', () => {
    const r = readForm1([
      table([
        [c('单位名称:某某科技有限公司')],
        [c('统一社会信用代码:91420100TEST00000X')],
        [c('数据集案例名称:某案例')],
        [c('本数据集是否涉及个人敏感信息。 ☑是 □否')],
      ]),
    ]);
    expect(r.unit_name).toBe('某某科技有限公司');
    expect(r.uscc).toBe('91420100TEST00000X');
    expect(r.cases[0].case_name).toBe('某案例');
    expect(r.cases[0].involves_personal_info).toBe(true);
  });

  it('no form content: nothing read', () => {
    const r = readForm1([p('单位简介'), p('某公司成立于2016年。')]);
    expect(r.unit_name).toBeNull();
    expect(r.cases).toEqual([]);
    expect(r.labelCount).toBe(0);
  });

  it('reads 负责人 / 职务 / 联系方式 given on rows of their own', () => {
    const r = readForm1([
      table([
        [c('单位名称'), c('某某科技有限公司')],
        [c('负责人'), c('赵六')],
        [c('职务'), c('副总经理')],
        [c('联系方式'), c('027-87654321')],
      ]),
    ]);
    expect([r.contact_name, r.contact_title, r.contact_phone]).toEqual(['赵六', '副总经理', '027-87654321']);
  });

  it('reads a category given on a row of its own, ticked or written', () => {
    const ticked = readForm1([
      table([
        [c('数据集案例名称'), c('某案例')],
        [c('数据集名称'), c('某数据集')],
        [c('数据集类别'), c('□通识数据集 ☑行业通识数据集 □行业专识数据集')],
        [c('本数据集是否包含个人敏感信息'), c('□是 ☑否')],
      ]),
    ]);
    expect(ticked.cases[0]).toMatchObject({ dataset_name: '某数据集', dataset_category: '行业通识数据集', involves_personal_info: false });
    const written = readForm1([
      table([
        [c('数据集名称'), c('某数据集')],
        [c('类别'), c('行业专识')],
      ]),
    ]);
    expect(written.cases[0]).toMatchObject({ dataset_name: '某数据集', dataset_category: '行业专识数据集' });
  });
});

describe('readForm1 contact row labelled 联系人', () => {
  it.each(['联系人', '联系人及联系方式', '联系人、职务及联系电话'])('%s', (label) => {
    const r = readForm1([
      {
        type: 'table',
        rows: [
          [{ text: '单位名称' }, { text: '甲单位' }],
          [{ text: label }, { text: '王五 总经理 13900001111' }],
        ],
      },
    ]);
    expect([r.contact_name, r.contact_title, r.contact_phone]).toEqual(['王五', '总经理', '13900001111']);
  });
});
