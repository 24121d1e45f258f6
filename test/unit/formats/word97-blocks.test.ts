import { describe, expect, it } from 'vitest';
import { CELL, PARA, ROW, word97TextToBlocks } from '../../../src/formats/word97-blocks.ts';

describe('Word 97 text with marks -> blocks', () => {
  it('splits paragraphs, cells with several paragraphs, rows and trailing text', () => {
    const raw = `标题${PARA}申报日期:2025年${PARA}单位${CELL}名称${CELL}某公司${CELL}${ROW}${CELL}规模${PARA}(单位:条)${CELL}10万条${CELL}${ROW}${CELL}地址${CELL}武汉${CELL}${ROW}注:盖章${PARA}`;
    const blocks = word97TextToBlocks(raw);
    expect(blocks).toEqual([
      { type: 'paragraph', text: '标题' },
      { type: 'paragraph', text: '申报日期:2025年' },
      {
        type: 'table',
        rows: [
          [{ text: '单位', rowspan: 3 }, { text: '名称' }, { text: '某公司' }],
          [{ text: '规模\n(单位:条)' }, { text: '10万条' }],
          [{ text: '地址' }, { text: '武汉' }],
        ],
      },
      { type: 'paragraph', text: '注:盖章' },
    ]);
  });

  it('leaves empty cells of a mostly filled first column alone (序号)', () => {
    const row = (a: string) => `${a}${CELL}x${CELL}y${CELL}${ROW}`;
    const blocks = word97TextToBlocks(`序号${CELL}名称${CELL}类别${CELL}${ROW}${row('1')}${row('2')}${row('')}`);
    const table = blocks[0] as Extract<(typeof blocks)[number], { type: 'table' }>;
    expect(table.rows.map((r) => r.length)).toEqual([3, 3, 3, 3]);
  });
});
