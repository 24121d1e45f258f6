import { describe, expect, it } from 'vitest';
import { matchHeading, readForm2 } from '../../../src/forms/form2-reader.ts';
import { c, p, table } from './fixtures.ts';

describe('matchHeading', () => {
  it.each([
    ['一、背景描述', 'background'],
    ['一、背景描述(200字左右)', 'background'],
    ['一、背景描述（200字左右）：', 'background'],
    ['(一)背景描述', 'background'],
    ['（二）创新点', 'innovation'],
    ['2. 创新点(500字左右)', 'innovation'],
    ['三、 应用成效', 'effects'],
    ['应用成效', 'effects'],
    ['四、相关材料', 'materials'],
  ])('%j is %s', (line, key) => {
    expect(matchHeading(line)).toEqual({ key, inline: '' });
  });

  it.each([
    '(一)数据集随观测持续更新。',
    '1.营业执照',
    '背景',
    '创新点在于构建了统一的数据标准',
    '结合申报方向,本案例在以下几个方面形成了经验',
  ])('%j is not a heading', (line) => {
    expect(matchHeading(line)).toBeNull();
  });

  it('keeps text written on the heading line after a colon', () => {
    expect(matchHeading('一、背景描述:当前,人工智能正由通用能力竞争转向行业应用竞争。')).toEqual({
      key: 'background',
      inline: '当前,人工智能正由通用能力竞争转向行业应用竞争。',
    });
  });
});

describe('readForm2', () => {
  it('reads the four sections, paragraphs joined by newlines, numbering kept', () => {
    const r = readForm2([
      p('附件2'),
      p('行业高质量数据集应用典型案例介绍模板'),
      p('一、背景描述'),
      p('背景第一段。'),
      p('二、创新点'),
      p('结合申报方向,经验如下:'),
      p('(一)第一点。'),
      p('(二)第二点。'),
      p('三、应用成效'),
      p('经济效益方面……'),
      p('社会效益方面……'),
      p('四、相关材料'),
      p('1.营业执照'),
      p('2.信用中国网站查询截图'),
    ]);
    expect(r.intro).toEqual({
      background: '背景第一段。',
      innovation: '结合申报方向,经验如下:\n(一)第一点。\n(二)第二点。',
      effects: '经济效益方面……\n社会效益方面……',
      materials: '1.营业执照\n2.信用中国网站查询截图',
    });
    expect(r.headingCount).toBe(4);
  });

  it('template instruction text under a heading counts as empty', () => {
    const r = readForm2([
      p('一、背景描述(200字左右)'),
      p('申报案例建设的背景描述,包括建设该数据集的预期目标是什么,拟解决该行业人工智能应用过程中的哪些问题等。'),
      p('二、创新点(500字左右)'),
      p('创新内容。'),
    ]);
    expect(r.intro.background).toBeNull();
    expect(r.intro.innovation).toBe('创新内容。');
    expect(r.intro.effects).toBeNull();
    expect(r.intro.materials).toBeNull();
  });

  it('reads headings inside a table', () => {
    const r = readForm2([
      table([
        [c('一、背景描述'), c('背景内容')],
        [c('二、创新点'), c('创新一\n创新二')],
        [c('三、应用成效')],
        [c('成效内容')],
        [c('四、相关材料'), c('材料清单')],
      ]),
    ]);
    expect(r.intro).toEqual({ background: '背景内容', innovation: '创新一\n创新二', effects: '成效内容', materials: '材料清单' });
  });

  it('no headings: every section null', () => {
    const r = readForm2([p('单位简介'), p('某公司成立于2016年。')]);
    expect(r.headingCount).toBe(0);
    expect(r.intro).toEqual({ background: null, innovation: null, effects: null, materials: null });
  });
});

describe('readForm2 heading followed by text on the same line', () => {
  it('a numbered heading, a space, then the text', () => {
    expect(matchHeading('一、背景描述 当前,人工智能正由通用能力竞争转向行业应用竞争。')).toEqual({
      key: 'background',
      inline: '当前,人工智能正由通用能力竞争转向行业应用竞争。',
    });
  });
});

describe('headings numbered with a space or (1), and a list item that names the section', () => {
  it.each(['一 背景描述', '1 背景描述', '(1)背景描述', '（1）背景描述'])('%s', (line) => {
    expect(matchHeading(line)).toEqual({ key: 'background', inline: '' });
  });

  it('"2.证明材料" inside 四、相关材料 stays in the list', () => {
    const r = readForm2([p('一 背景描述'), p('背景正文'), p('四 相关材料'), p('1.营业执照'), p('2.证明材料')]);
    expect(r.intro.background).toBe('背景正文');
    expect(r.intro.materials).toBe('1.营业执照\n2.证明材料');
  });
});
