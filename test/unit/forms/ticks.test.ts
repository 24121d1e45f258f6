import { describe, expect, it } from 'vitest';
import { CATEGORIES, DIRECTIONS, INDUSTRIES, MODALITIES } from '../../../src/forms/options.ts';
import { readTicks, readYesNo } from '../../../src/forms/ticks.ts';

const directions = (marks: string[]) =>
  `高质量数据集建设应用${marks[0]}  高质量数据集模型验证${marks[1]}\n高质量数据集流通交易${marks[2]}  高质量数据集技术创新${marks[3]}\n高质量数据集生态培育${marks[4]}  其他${marks[5]} (可多选)`;

describe('readTicks', () => {
  it.each(['☑', '■', '√', '✓', '✔', '☒', '⊠', '▣', 'x', 'X', '\uF052'])('boxes after options, ticked with %s', (t) => {
    expect(readTicks(directions([t, '□', '□', t, '□', '☐']), DIRECTIONS).ticked).toEqual(['建设应用', '技术创新']);
  });

  it('boxes before options (行业/领域)', () => {
    const text = '☑科学研究  □工业制造  □农业农村\n□绿色低碳  ■城市治理  □具身智能\n☐其他';
    expect(readTicks(text, INDUSTRIES).ticked).toEqual(['科学研究', '城市治理']);
  });

  it('hand-written x before options, full-width spaces', () => {
    expect(readTicks('x文本　x图像　□音频　□视频　□其他', MODALITIES).ticked).toEqual(['文本', '图像']);
  });

  it('nothing ticked', () => {
    const r = readTicks(directions(['□', '□', '□', '□', '□', '□']), DIRECTIONS);
    expect(r.ticked).toEqual([]);
    expect(r.hasBoxes).toBe(true);
  });

  it('an x inside a word is not a tick', () => {
    expect(readTicks('□文本 □图像 Xbox□视频', MODALITIES).ticked).toEqual([]);
  });

  it('a category checkbox line: the longest option wins over its substring', () => {
    expect(readTicks('□通识数据集　□行业通识数据集　☑行业专识数据集', CATEGORIES).ticked).toEqual(['行业专识数据集']);
    expect(readTicks('□通识数据集　☑行业通识数据集　□行业专识数据集', CATEGORIES).ticked).toEqual(['行业通识数据集']);
  });

  it('without any box, a line naming only some options names the chosen ones', () => {
    expect(readTicks('建设应用、技术创新', DIRECTIONS).ticked).toEqual(['建设应用', '技术创新']);
    expect(readTicks('文本 图像 音频 视频 其他', MODALITIES).ticked).toEqual([]);
  });
});

describe('readYesNo', () => {
  it.each([
    ['☑是  □否', true],
    ['□是  ☑否', false],
    ['■是 □否', true],
    ['□是 √否', false],
    ['是☑ 否□', true],
    ['x是 □否', true],
    ['是', true],
    ['否', false],
    ['□是  □否', null],
    ['☑是  ☑否', null],
    ['', null],
  ])('%j → %s', (text, value) => {
    expect(readYesNo(text)).toBe(value);
  });
});

describe('readTicks with the empty boxes deleted', () => {
  it('a tick before its option, other options left bare, reads as box-first', () => {
    const text = '科学研究  工业制造  农业农村  ✔交通运输  金融服务\n绿色低碳  √城市治理  具身智能';
    expect(readTicks(text, INDUSTRIES).ticked).toEqual(['交通运输', '城市治理']);
  });

  it('a tick after its option, other options left bare, reads as box-after', () => {
    expect(readTicks('文本  图像✔  音频  视频✔  其他', MODALITIES).ticked).toEqual(['图像', '视频']);
  });

  it('是/否 with only the tick kept', () => {
    expect(readYesNo('是  √否')).toBe(false);
    expect(readYesNo('√是  否')).toBe(true);
  });
});
