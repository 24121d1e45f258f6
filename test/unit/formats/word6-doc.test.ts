// Issue 7.8 (4): a Word 6.0/95 .doc was reported as corrupt. It is a format we do not read, and
// the applicant must be told so: unreadable, reason "unsupported", an error that names Word 6.0/95.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/formats/registry.ts';
import { withStreams, wordFib } from './ole-builder.ts';

const word = (nFib: number) => withStreams(null, { WordDocument: wordFib(nFib) });

describe('Word 6.0/95 documents', () => {
  it.each([
    ['Word 6.0', 0x65],
    ['Word 95', 0x68],
  ])('says a %s .doc is an unsupported format, not a corrupt file', async (_name, nFib) => {
    const r = await parseDocument({ filename: '附件2 案例介绍.doc', contentType: 'application/msword', content: word(nFib) });
    expect(r.parsed).toBeUndefined();
    expect(r.format).toBe('doc');
    expect(r.reason).toBe('unsupported');
    expect(r.error).toMatch(/Word 6\.0\/95.*not supported/);
  });

  it('still hands a Word 97 file to the Word 97 reader', async () => {
    // The stub has no text tables: word-extractor fails on it, as on any damaged .doc.
    const r = await parseDocument({ filename: 'a.doc', contentType: '', content: word(0xc1) });
    expect(r.reason).toBe('corrupt');
  });
});
