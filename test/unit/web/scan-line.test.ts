import { describe, expect, it } from 'vitest';
import { scanCheckLine } from '../../../src/web/views/scan-line.ts';

describe('scanCheckLine', () => {
  it('says pages, source, code (compared with 附件1) and seal in one line', () => {
    const scan = { pages: 3, text_source: 'ocr', uscc: '91420111MAY9F9KJ64', seal: true };
    expect(scanCheckLine(scan, '91420111MAY9F9KJ64')).toBe(
      '共 3 页 · OCR识别 · 统一社会信用代码 91420111MAY9F9KJ64（与附件1一致） · 有红色圆形公章',
    );
    expect(scanCheckLine(scan, '91420100MAHY6MBT91')).toContain('（与附件1不一致）');
    expect(scanCheckLine({ ...scan, uscc: null, seal: null, text_source: null }, null)).toBe(
      '共 3 页 · 未能读取文字 · 未识别出有效的统一社会信用代码 · 无法判断公章（黑白扫描）',
    );
    expect(scanCheckLine({ ...scan, text_source: 'text_layer', seal: false })).toMatch(/文字层.*未发现红色圆形公章/);
    expect(scanCheckLine(null)).toBe('未读取盖章扫描件');
  });
});
