// OOXML packages are recognised from the zip's own directory, never from bytes anywhere in the
// file: a zip whose members are stored uncompressed shows an inner .docx's part names in plain text.
import { afterAll, describe, expect, it } from 'vitest';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { ooxmlKind, zipEntryNames } from '../../../src/formats/magic.ts';
import { detectFormat, parseDocument } from '../../../src/formats/registry.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { buildDocx } from '../attachments/docx-builder.ts';
import { buildZip } from '../attachments/zip-builder.ts';

const pool = new ParsePool({ size: 1, timeoutMs: 120_000, memoryMb: 256 });
afterAll(() => pool.close());

function docx(deflate = true): Buffer {
  return buildDocx(['一、背景描述', '正文'], deflate);
}

/** `zip -0`: the inner documents' bytes, their part names included, appear as they are. */
function storedZipOf(...members: [string, Buffer][]): Buffer {
  return buildZip(members.map(([name, data]) => ({ name, data, utf8Flag: true })));
}

describe('OOXML detection', () => {
  it('reads part names from the central directory', () => {
    expect(zipEntryNames(docx())).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(ooxmlKind(docx())).toBe('docx');
    expect(ooxmlKind(docx(false))).toBe('docx');
  });

  it('does not take a stored zip holding a .docx for a .docx', () => {
    const outer = storedZipOf(['附件2-案例介绍.docx', docx(false)], ['样例.csv', Buffer.from('a,b\n1,2\n')]);
    expect(outer.includes('word/document.xml')).toBe(true);
    expect(ooxmlKind(outer)).toBeNull();
    expect(detectFormat({ filename: '材料.zip', contentType: 'application/zip', content: outer })).toBe('zip');
    // Even a stored zip whose last member is a .docx: the outer directory is found from the end.
    const last = storedZipOf(['a.txt', Buffer.from('x')], ['b.docx', docx(false)]);
    expect(ooxmlKind(last)).toBeNull();
    expect(detectFormat({ filename: '', contentType: '', content: last })).toBe('zip');
  });

  it('needs [Content_Types].xml at the top level, not inside a folder', () => {
    const parts = zipEntryNames(docx(false))!;
    expect(parts).toContain('[Content_Types].xml');
    const nested = storedZipOf(['x/[Content_Types].xml', Buffer.from('<Types/>')], ['x/word/document.xml', Buffer.from('<w:document/>')]);
    expect(ooxmlKind(nested)).toBeNull();
    expect(detectFormat({ filename: 'x.zip', contentType: '', content: nested })).toBe('zip');
  });

  it('still reads a real .docx whatever its name', async () => {
    expect(detectFormat({ filename: '新建文档', contentType: '', content: docx() })).toBe('docx');
    const r = await parseDocument({ filename: 'a.bin', contentType: '', content: docx() });
    expect(r.format).toBe('docx');
    expect(r.parsed?.text).toContain('背景描述');
  });

  it('falls back to the archive when a zip under a .docx name is no Word document', async () => {
    const zip = storedZipOf(['附件1.docx', docx(false)], ['说明.txt', Buffer.from('说明')]);
    const r = await parseDocument({ filename: '申报材料.docx', contentType: '', content: zip });
    expect(r.format).toBe('zip');
    expect(r.parsed?.text).toBe('附件1.docx\n说明.txt');

    const files = await expandAttachments([makeFoundFile('申报材料.docx', '', zip)], { pool });
    expect(files.map((f) => [f.filename, f.format, f.readable, f.parentIndex])).toEqual([
      ['申报材料.docx', 'zip', true, null],
      ['附件1.docx', 'docx', true, 0],
      ['说明.txt', 'txt', true, 0],
    ]);
  });

  it('expands a stored zip of Office files into its members', async () => {
    const outer = storedZipOf(['附件2-案例介绍.docx', docx(false)]);
    const files = await expandAttachments([makeFoundFile('材料.zip', 'application/zip', outer)], { pool });
    expect(files.map((f) => [f.filename, f.format, f.readable])).toEqual([
      ['材料.zip', 'zip', true],
      ['附件2-案例介绍.docx', 'docx', true],
    ]);
    expect(files[1].parsed?.text).toContain('背景描述');
  });
});
