// Hand-made documents in the shared Block model, shaped like the template's tables.
import type { Block, Cell } from '../../../src/types.ts';

export const p = (text: string): Block => ({ type: 'paragraph', text });
export const c = (text: string, colspan?: number, rowspan?: number): Cell => ({
  text,
  ...(colspan ? { colspan } : {}),
  ...(rowspan ? { rowspan } : {}),
});
export const table = (rows: Cell[][]): Block => ({ type: 'table', rows });

type CaseInput = { n: number; name: string; dataset: string; rows: string; gb: string; tick: string };

export function caseRows({ n, name, dataset, rows, gb, tick }: CaseInput): Cell[][] {
  return [
    [c(`“案例${n}”简要信息`, 1, 13), c('数据集案例名称'), c(name, 5)],
    [c('数据集名称及类别'), c(dataset, 5)],
    [c('结构化数据集规模\n(单位:行/条)'), c(rows), c('非结构化数据集规模\n(单位:GB)', 2), c(gb, 2)],
    [
      c('申报方向'),
      c(
        `高质量数据集建设应用${tick}  高质量数据集模型验证□\n高质量数据集流通交易□  高质量数据集技术创新${tick}\n高质量数据集生态培育□  其他□ (可多选)`,
        5,
      ),
    ],
    [c('案例涉及行业/领域'), c(`□科学研究  ${tick}工业制造  □农业农村\n□其他`, 5)],
    [c('数据集模态及规模'), c(`${tick}文本  □图像  □音频  □视频  □其他`, 5)],
    [c('针对数据集名称和单位名称,是否同意在市级部门、同期媒体宣传。', 4), c(`${tick}是  □否`, 2)],
    [c('是否同意在数据流通交易基础设施上架。', 4), c(`□是  ${tick}否`, 2)],
    [c('本数据集是否已在其他地区数据流通交易基础设施上架。', 4), c('□是  □否', 2)],
    [c('本数据集是否涉及个人敏感信息。', 4), c(`□是  ${tick}否`, 2)],
    [c('已支撑算法模型'), c('无', 5)],
    [c('数据集概况\n(不超过200字)'), c(`概况${n}第一段\n概况${n}第二段`, 5)],
    [c('应用场景介绍\n(不超过500字)'), c(`场景${n}`, 5)],
  ];
}

export function form1(cases: CaseInput[], opts: { date?: string; contact?: string } = {}): Block[] {
  return [
    p('附件1'),
    p('武汉市行业高质量数据集应用典型案例基本信息征集表'),
    p(`申报日期:${opts.date ?? '2025 年 10 月 28 日'}`),
    table([
      [c('申报单位信息', 1, 4), c('单位名称(盖章)'), c('测试单位有限公司', 5)],
      [c('统一社会信用代码'), c('91420100TEST00000X', 5)],
      [c('单位地址'), c('武汉市某区某路1号', 5)],
      [c('负责人、职务及联系方式'), c(opts.contact ?? '王五,总经理,13900001111', 5)],
      ...cases.flatMap(caseRows),
      [c('声明'), c('1. 我单位对本次申报的数据集合法性……负责。', 6)],
    ]),
    p('注:如有多页,请加盖骑缝章。'),
  ];
}
