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
  ])('%s → %d', (text, rows) => {
    expect(parseRows(text)).toBe(rows);
  });

  it.each(['/', '无', '', '  ', '-', '暂无', '——', '不涉及'])('%j → null', (text) => {
    expect(parseRows(text)).toBeNull();
  });

  it('has no number → null', () => {
    expect(parseRows('若干')).toBeNull();
    expect(parseRows(null)).toBeNull();
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
  ])('%s → %d', (text, gb) => {
    expect(parseGigabytes(text)).toBeCloseTo(gb, 6);
  });

  it.each(['/', '无', '', 'N/A'])('%j → null', (text) => {
    expect(parseGigabytes(text)).toBeNull();
  });
});
