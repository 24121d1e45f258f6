// Issue 7.8 (3): an .xls holding an embedded Word object was taken for a .doc and judged
// unreadable; a bare Excel 2.x-4.0 (BIFF2/3/4) file was not recognised at all. Only streams at
// the root of an OLE2 file say what it is, and when the surest parser fails the next one that
// claims the file is tried.
import { describe, expect, it } from 'vitest';
import { detectFormat, parseDocument } from '../../../src/formats/registry.ts';
import type { Block } from '../../../src/types.ts';
import { withStreams, wordFib, workbookBytes } from './ole-builder.ts';

const rows = [
  ['id', 'name'],
  [1, 'alpha'],
  [2, 'beta'],
];
const tableRows = (blocks: Block[] | undefined) => (blocks?.[0]?.type === 'table' ? blocks[0].rows.map((r) => r.map((c) => c.text)) : null);
const parse = (filename: string, content: Buffer) => parseDocument({ filename, contentType: 'application/vnd.ms-excel', content });

describe('spreadsheets that look like something else', () => {
  it('reads an .xls that embeds a Word document as a workbook', async () => {
    const xls = withStreams(workbookBytes(rows, 'xls'), {
      'ObjectPool/_1234567890/WordDocument': wordFib(0xc1),
      'ObjectPool/_1234567890/1Table': Buffer.alloc(512),
    });
    expect(detectFormat({ filename: '附件3-汇总表.xls', contentType: '', content: xls })).toBe('xls');
    const r = await parse('附件3-汇总表.xls', xls);
    expect(r.error).toBeUndefined();
    expect(r.format).toBe('xls');
    expect(tableRows(r.parsed?.blocks)).toEqual([
      ['id', 'name'],
      ['1', 'alpha'],
      ['2', 'beta'],
    ]);
  });

  it('tries the next parser that claims a file when the first one fails', async () => {
    // Both streams at the root: the Word reader ranks first (registry order) and fails on it.
    const both = withStreams(workbookBytes(rows, 'xls'), { WordDocument: wordFib(0xc1) });
    const r = await parse('book.xls', both);
    expect(r.format).toBe('xls');
    expect(tableRows(r.parsed?.blocks)?.[1]).toEqual(['1', 'alpha']);
  });

  it.each(['biff2', 'biff3', 'biff4'] as const)('recognises and reads a bare %s workbook', async (bookType) => {
    const bytes = workbookBytes(rows, bookType);
    // No name hint: the BOF record decides.
    expect(detectFormat({ filename: 'Book1', contentType: '', content: bytes })).toBe('xls');
    const r = await parse('Book1.xls', bytes);
    expect(r.format).toBe('xls');
    expect(tableRows(r.parsed?.blocks)?.[2]).toEqual(['2', 'beta']);
  });

  it('does not take text that starts with a tab for a BIFF stream', () => {
    const tsv = Buffer.from('\tid\tname\n\t1\talpha\n');
    expect(detectFormat({ filename: 'data.txt', contentType: 'text/plain', content: tsv })).toBe('txt');
  });
});
