// OOXML packages are recognised from the zip's own directory, never from bytes anywhere in the
// file: a zip whose members are stored uncompressed shows an inner .docx's part names in plain text.
import { afterAll, describe, expect, it } from 'vitest';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { ooxmlKind, zipEntryNames } from '../../../src/formats/magic.ts';
import { detectFormat, parseDocument } from '../../../src/formats/registry.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { buildZip } from '../attachments/zip-builder.ts';

const pool = new ParsePool({ size: 1, timeoutMs: 120_000, maxOldGenerationSizeMb: 256 });
afterAll(() => pool.close());

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、背景描述</w:t></w:r></w:p><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>`;

function docx(deflate = true): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES), deflate },
    { name: '_rels/.rels', data: Buffer.from(RELS), deflate },
    { name: 'word/document.xml', data: Buffer.from(DOCUMENT), deflate },
  ]);
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
    const nested = storedZipOf(['x/[Content_Types].xml', Buffer.from(CONTENT_TYPES)], ['x/word/document.xml', Buffer.from(DOCUMENT)]);
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
