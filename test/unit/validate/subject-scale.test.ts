import { describe, expect, it } from 'vitest';
import { parseGigabytes, parseRows } from '../../../src/validate/scale.ts';
import { isConformingSubject, stripReplyPrefixes } from '../../../src/validate/subject.ts';

const SUFFIX = '武汉市数据集征集';

describe('subject format', () => {
  it.each([
    '武汉光谷云图信息技术有限公司+武汉市数据集征集',
    '武汉市江夏区农业技术推广中心＋武汉市数据集征集',
    '硚口区人社服务中心 + 武汉市数据集征集',
    '回复:武汉云梦能源科技有限公司+武汉市数据集征集',
    '回复：答复: 转发:Re: RE:Fw: FW：Fwd: 江城理工大学+武汉市数据集征集',
    'FW: 武汉东湖具身智能机器人有限公司+武汉市数据集征集',
  ])('accepts %s', (s) => expect(isConformingSubject(s, SUFFIX)).toBe(true));

  it.each([
    '数据集征集申报材料',
    '广州穗智数据科技有限公司申报武汉市数据集征集',
    '+武汉市数据集征集',
    '武汉市数据集征集+江城理工大学',
    '江城理工大学+武汉市数据集征集申报',
    '',
  ])('rejects %s', (s) => expect(isConformingSubject(s, SUFFIX)).toBe(false));

  it('strips repeated prefixes only at the start', () => {
    expect(stripReplyPrefixes('Re: 回复：转发: 单位+武汉市数据集征集')).toBe('单位+武汉市数据集征集');
    expect(stripReplyPrefixes('单位 Re: x')).toBe('单位 Re: x');
  });
});

describe('scales', () => {
  it.each([
    ['10万条', 100000],
    ['1.2亿行', 120000000],
    ['1,260,000 条', 1260000],
    ['1260000', 1260000],
    ['约1200万条', 12000000],
    ['/', null],
    ['无', null],
    ['', null],
  ] as const)('rows %s -> %s', (text, value) => expect(parseRows(text)).toBe(value));

  it.each([
    ['图片 100GB,音频 160GB', 260],
    ['约 350 GB', 350],
    ['2TB', 2048],
    ['1350GB', 1350],
    ['640', 640],
    ['512MB', 0.5],
    ['1.5 TB + 200 GB', 1736],
    ['图片100GB，音频160GB', 260],
    ['/', null],
  ] as const)('gigabytes %s -> %s', (text, value) => expect(parseGigabytes(text)).toBe(value));
});
