import { describe, expect, it } from 'vitest';
import { readForm3 } from '../../../src/forms/form3-reader.ts';
import type { Cell } from '../../../src/types.ts';
import { c, p, table } from './fixtures.ts';

const HEADER = [
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
];
const ROW1 = [
  '1',
  '甲案例',
  '行业专识数据集',
  '工业制造',
  '高质量数据集建设应用',
  '1260000.0',
  '图片 100GB,音频 160GB',
  '某模型,共1个',
  '节约成本100万元',
  '测试单位',
  '王五 13900001111',
];
const row = (texts: string[]): Cell[] => texts.map((t) => c(t));

describe('readForm3', () => {
  it('finds the header below the title rows and skips pre-numbered empty rows and the note', () => {
    const r = readForm3([
      table([
        [c('附件3'), ...Array.from({ length: 10 }, () => c(''))],
        [c('武汉市行业高质量数据集应用典型案例征集汇总表', 11)],
        [c('推荐单位:测试单位(盖章)', 5), c('联系人及联系方式:王五 13900001111', 4), c('2025年10月28日', 2)],
        row(HEADER),
        row(ROW1),
        row(['2', '', '', '', '', '', '', '', '', '', '']),
        row(['3', '', '', '', '', '', '', '', '', '', '']),
        [c('结构化数据以行/条为单位,非结构化数据需列明数据模态,并以GB为单位。', 11)],
      ]),
    ]);
    expect(r.found).toBe(true);
    expect(r.rows).toEqual([
      {
        seq: 1,
        case_name: '甲案例',
        dataset_category: '行业专识数据集',
        industry: '工业制造',
        direction: '高质量数据集建设应用',
        structured_scale: '1260000',
        unstructured_scale: '图片 100GB,音频 160GB',
        supported_models: '某模型,共1个',
        benefits: '节约成本100万元',
        unit_name: '测试单位',
        contact: '王五 13900001111',
      },
    ]);
  });

  it('maps columns by header text, not position', () => {
    const header = ['序号', '申报单位名称', '数据集案例名称', '结构化数据规模', '非结构化数据规模', '数据集类别'];
    const r = readForm3([table([row(header), row(['1', '测试单位', '甲案例', '10万条', '', '通识数据集'])])]);
    expect(r.rows[0]).toMatchObject({
      seq: 1,
      unit_name: '测试单位',
      case_name: '甲案例',
      structured_scale: '10万条',
      unstructured_scale: null,
      dataset_category: '通识数据集',
      benefits: null,
    });
  });

  it('repeats a cell merged down across rows (Word table) and a merged note repeated across columns is no row', () => {
    const r = readForm3([
      p('附件3'),
      table([
        row(HEADER),
        [...row(ROW1.slice(0, 9)), c('测试单位', 1, 2), c('王五 13900001111', 1, 2)],
        row(['2', '乙案例', '通识数据集', '教育教学', '高质量数据集技术创新', '5000', '/', '无', '带动就业10人']),
        row(Array.from({ length: 11 }, () => '注:结构化数据以行/条为单位')),
      ]),
    ]);
    expect(r.rows.map((x) => [x.seq, x.case_name, x.unit_name, x.contact])).toEqual([
      [1, '甲案例', '测试单位', '王五 13900001111'],
      [2, '乙案例', '测试单位', '王五 13900001111'],
    ]);
  });

  it('reads tab-separated lines of a flattened table the same', () => {
    const r = readForm3([p('附件3'), p(HEADER.join('\t')), p(ROW1.join('\t'))]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].contact).toBe('王五 13900001111');
  });

  it('no table with the header: not found', () => {
    expect(readForm3([p('汇总表'), table([row(['a', 'b'])])])).toEqual({ rows: [], found: false });
  });
});

describe('readForm3 header variants', () => {
  it('reads a two-row header', () => {
    const r = readForm3([
      table([
        [c('序号', 1, 2), c('数据集案例名称', 1, 2), c('数据集类别', 1, 2), c('数据规模', 2), c('申报单位名称', 1, 2)],
        [c('结构化数据规模'), c('非结构化数据规模')],
        row(['1', '甲案例', '通识数据集', '10万条', '5GB', '测试单位']),
      ]),
    ]);
    expect(r.rows).toEqual([
      expect.objectContaining({
        seq: 1,
        case_name: '甲案例',
        structured_scale: '10万条',
        unstructured_scale: '5GB',
        unit_name: '测试单位',
      }),
    ]);
  });
});

describe('readForm3 totals row', () => {
  it.each([[['', '合计']], [['合计']], [['总计:', '']]])('a totals row %j is not a case', (lead) => {
    const total = [...lead, ...Array.from({ length: 11 - lead.length }, () => '')];
    total[5] = '1260000';
    const r = readForm3([table([row(HEADER), row(ROW1), row(total)])]);
    expect(r.rows.map((x) => x.case_name)).toEqual(['甲案例']);
  });
});
