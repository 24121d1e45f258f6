import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/formats/csv.ts';
import { parseDocument } from '../../../src/formats/registry.ts';
import { sheetToTable } from '../../../src/formats/sheet-table.ts';

describe('csv and text', () => {
  it('reads GBK CSV (Excel on Chinese Windows) with quoted fields', async () => {
    const content = iconv.encode('序号,数据集案例名称\r\n1,"城市,治理"\r\n', 'gbk');
    const r = await parseDocument({ filename: 'x.csv', contentType: 'text/csv', content });
    expect(r.format).toBe('csv');
    const table = r.parsed!.blocks[0] as { rows: { text: string }[][] };
    expect(table.rows.map((row) => row.map((c) => c.text))).toEqual([
      ['序号', '数据集案例名称'],
      ['1', '城市,治理'],
    ]);
  });

  it('parses escaped quotes and CRLF', () => {
    expect(parseCsv('a,"b ""c"""\r\n\r\nd,e', ',')).toEqual([
      ['a', 'b "c"'],
      ['d', 'e'],
    ]);
  });

  it('reports an empty file as unreadable', async () => {
    const r = await parseDocument({ filename: 'x.docx', contentType: '', content: Buffer.alloc(0) });
    expect(r.reason).toBe('empty');
  });

  it('reports unknown binary content as unsupported', async () => {
    const r = await parseDocument({ filename: 'x.bin', contentType: '', content: Buffer.from([0, 1, 2, 3, 0, 0]) });
    expect(r.reason).toBe('unsupported');
  });
});

describe('sheet grid -> table', () => {
  it('keeps a merged range as one master cell with its span and drops trailing empties', () => {
    const grid = [
      ['标题', '', '', ''],
      ['a', 'b', 'c', ''],
      ['', '', '', ''],
    ];
    const t = sheetToTable('S', grid, [{ r0: 0, c0: 0, r1: 0, c1: 3 }]);
    expect(t).toEqual({ type: 'table', name: 'S', rows: [[{ text: '标题', colspan: 3 }], [{ text: 'a' }, { text: 'b' }, { text: 'c' }]] });
  });
});
