// A subject made of a huge number of RFC 2047 words must cost time in proportion to its size.
// Decoding used to concatenate the byte buffer once per word (quadratic: 4 MB held the main
// thread for about 45 s) and mailparser refused any header block over 1 MB, failing the email.
// The bounds are generous (the fixed code takes well under a second for 4 MB) so a slow machine
// cannot make them flake, while the old code misses them by far.
import { describe, expect, it } from 'vitest';
import { decodeHeaderValue } from '../../../src/mime/decode-text.ts';
import { parseMessage } from '../../../src/mime/parse-message.ts';

const TEXT = '数据集征集';
const WORD = `=?UTF-8?B?${Buffer.from(TEXT).toString('base64')}?=`;

/** Encoded words joined by `sep`, about `mb` megabytes, and the text they decode to. */
function encodedSubject(mb: number, sep: string): { value: string; text: string } {
  const n = Math.ceil((mb * 1024 * 1024) / (WORD.length + sep.length));
  return { value: Array.from({ length: n }, () => WORD).join(sep), text: TEXT.repeat(n) };
}

function timed<T>(fn: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = fn();
  return { result, ms: performance.now() - started };
}

describe('header decoding cost is linear in the header size', () => {
  it('decodes a 4 MB subject of encoded words in seconds, not minutes', () => {
    const { value, text } = encodedSubject(4, ' ');
    const { result, ms } = timed(() => decodeHeaderValue(value));
    expect(result).toBe(text);
    expect(ms).toBeLessThan(5_000);
  }, 120_000);

  it('scales like the input: 4 MB costs far less than 16 times 1 MB', () => {
    const small = encodedSubject(1, ' ').value;
    const large = encodedSubject(4, ' ').value;
    decodeHeaderValue(small); // warm-up (JIT)
    const best = (v: string) => Math.min(...[0, 1, 2].map(() => timed(() => decodeHeaderValue(v)).ms));
    // Linear gives about 4x; quadratic 16x. The 200 ms slack absorbs timer and GC noise.
    expect(best(large)).toBeLessThan(8 * best(small) + 200);
  }, 120_000);

  it('reads an email whose folded Subject is 4 MB of encoded words (mailparser and our re-decoding)', async () => {
    const { value, text } = encodedSubject(4, '\r\n ');
    const raw = Buffer.from(
      [
        'Received: from mx.example.com by mx1; Mon, 03 Nov 2025 02:00:00 +0000',
        'From: a@example.com',
        `Subject: ${value}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'body',
        '',
      ].join('\r\n'),
      'latin1',
    );
    const started = performance.now();
    const email = await parseMessage(raw);
    const ms = performance.now() - started;
    expect(email.subject).toBe(text);
    expect(email.headers.subject).toBe(text);
    expect(ms).toBeLessThan(10_000);
  }, 120_000);
});
