import { describe, expect, it } from 'vitest';
import { combineSeals, scanCheckOf, summarizeScans } from '../../../src/scan/summarize-scans.ts';
import type { ScanCheck } from '../../../src/types.ts';

const check = (over: Partial<ScanCheck>): ScanCheck => ({ pages: 1, text_source: 'ocr', uscc: null, seal: null, ...over });

describe('summing up scan checks', () => {
  it('a seal anywhere counts; judged pages without one say false; greyscale alone says null', () => {
    expect(combineSeals([false, null, true])).toBe(true);
    expect(combineSeals([null, false])).toBe(false);
    expect(combineSeals([null, null])).toBeNull();
    expect(combineSeals([])).toBeNull();
  });

  it('sums pages, keeps the first valid code and says OCR when any file needed it', () => {
    const s = summarizeScans([
      check({ pages: 3, text_source: 'text_layer', seal: false }),
      null,
      check({ pages: 1, uscc: '91420100MAHY6MBT91', seal: true }),
      check({ pages: 1, uscc: '91420111MAY9F9KJ64' }),
    ]);
    expect(s).toEqual({ pages: 5, text_source: 'ocr', uscc: '91420100MAHY6MBT91', seal: true });
    expect(summarizeScans([])).toEqual({ pages: 0, text_source: null, uscc: null, seal: null });
  });

  it('drops the text and the error of a file check', () => {
    expect(scanCheckOf({ ...check({ pages: 2 }), text: '很长的文字', error: 'page 2: timed out' })).toEqual(check({ pages: 2 }));
    expect(scanCheckOf(undefined)).toBeNull();
  });
});
