import { describe, expect, it } from 'vitest';
import { parseGigabytes, parseRows } from '../../../src/forms/scales.ts';

describe('parseRows', () => {
  it.each([
    ['10万条', 100000],
    ['1.2亿行', 120000000],
    ['1,260,000 条', 1260000],
    ['8,645,000 条', 8645000],
    ['约 235 万条', 2350000],
    ['412386条', 412386],
    ['58000', 58000],
    ['4320万条', 43200000],
    ['26.8万条', 268000],
    ['126万条(1,260,000条)', 1260000],
    ['3张表,共10万条', 100000],
    ['文本 6万条,表格 4万行', 100000],
    // Only the bracket carries a row unit: it is the scale, the outside number is something else.
    ['3张表（共126万条）', 1260000],
    ['3张表(共126万条)', 1260000],
    // Compound numbers are one number, not parts.
    ['共计1亿2千万条', 120000000],
    ['1亿2000万条', 120000000],
    ['3万5千条', 35000],
    ['1.2亿', 120000000],
    ['1万亿行', 1e12],
    // Chinese numerals.
    ['二十万条', 200000],
    ['两千三百万条', 23000000],
    ['一百零五条', 105],
    ['十万', 100000],
    ['约二十五万条记录', 250000],
    ['126万余条', 1260000],
    ['5000+ records', 5000],
    ['10w条', 100000],
    ['126万个记录', 1260000],
    ['58000(约5.8万)', 58000],
    ['3个行业,共2万条', 20000],
  ])('%s → %d', (text, rows) => {
    expect(parseRows(text)).toBe(rows);
  });

  it.each(['/', '无', '', '  ', '-', '暂无', '——', '不涉及'])('%j → null', (text) => {
    expect(parseRows(text)).toBeNull();
  });

  it('has no number → null', () => {
    expect(parseRows('若干')).toBeNull();
    expect(parseRows(null)).toBeNull();
    // Chinese numerals used as words are not amounts.
    expect(parseRows('两类模态')).toBeNull();
    expect(parseRows('万方数据')).toBeNull();
  });
});

describe('parseGigabytes', () => {
  it.each([
    ['126GB', 126],
    ['约 350 GB', 350],
    ['图片 100GB,音频 160GB', 260],
    ['图片100GB、视频1TB', 1124],
    ['2TB', 2048],
    ['3 TB', 3072],
    ['1.5T', 1536],
    ['512MB', 0.5],
    ['350', 350],
    ['3TB(约3072GB)', 3072],
    ['0.5 PB', 512 * 1024],
    ['共3类模态,约80GB', 80],
    // The bracket holds the only size: 14万张 is a count of images, not gigabytes.
    ['图像14万张（约2TB）', 2048],
    ['图像14万张(约2TB)', 2048],
    // A bracketed restatement of the outside size is not counted twice.
    ['约350GB(350GB)', 350],
    ['2 TiB', 2048],
    ['2TiB', 2048],
    ['5 GiB, 512MiB', 5.5],
    ['1.5 TB + 200 GB', 1736],
    ['两类模态,80', 80],
  ])('%s → %d', (text, gb) => {
    expect(parseGigabytes(text)).toBeCloseTo(gb, 6);
  });

  it.each(['/', '无', '', 'N/A'])('%j → null', (text) => {
    expect(parseGigabytes(text)).toBeNull();
  });
});
