// What PostgreSQL text/jsonb cannot hold (U+0000, lone surrogates) becomes U+FFFD, deep through
// the extraction; file bytes, dates and untouched parts are left exactly as they were.
import { describe, expect, it } from 'vitest';
import { safeString, safeText } from '../../../src/db/safe-text.ts';

describe('safeString', () => {
  it('replaces U+0000 and lone surrogates, keeps surrogate pairs', () => {
    expect(safeString('a\u0000b')).toBe('a\uFFFDb');
    expect(safeString('x\uD83D')).toBe('x\uFFFD'); // high surrogate at the end
    expect(safeString('\uDE00y')).toBe('\uFFFDy'); // low surrogate at the start
    expect(safeString('\uD83D\uD83D\uDE00')).toBe('\uFFFD\uD83D\uDE00'); // only the unpaired one
    expect(safeString('数据😀集')).toBe('数据😀集');
  });
});

describe('safeText', () => {
  it('cleans every string deep, keys included, and leaves Buffers and Dates alone', () => {
    const content = Buffer.from([0, 1, 2]);
    const at = new Date('2025-11-03T02:00:00Z');
    const value = {
      subject: 'S\u0000',
      email: { headers: { 'x-\u0000': 'v' }, sentAt: at },
      files: [{ filename: 'a\u0000.csv', content, parsed: { blocks: [{ type: 'table', rows: [[{ text: 'c\uDC00' }]] }] } }],
      n: 1,
      none: null,
    };
    const clean = safeText(value);
    expect(clean).toEqual({
      subject: 'S\uFFFD',
      email: { headers: { 'x-\uFFFD': 'v' }, sentAt: at },
      files: [{ filename: 'a\uFFFD.csv', content, parsed: { blocks: [{ type: 'table', rows: [[{ text: 'c\uFFFD' }]] }] } }],
      n: 1,
      none: null,
    });
    expect(clean.files[0].content).toBe(content);
    expect(clean.email.sentAt).toBe(at);
    expect(value.subject).toBe('S\u0000'); // the input is not modified
    // What jsonb rejected now serializes without \u0000 or a lone \udXXX escape.
    expect(JSON.stringify(clean)).not.toMatch(/\\u0000|\\ud[89a-f]/i);
  });

  it('returns the same objects when there is nothing to replace', () => {
    const value = { a: ['x', { b: 'y' }], c: Buffer.from('z') };
    expect(safeText(value)).toBe(value);
  });
});
