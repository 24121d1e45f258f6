// Issue 7.8 (5): a .docx/.xlsx whose XML the Office reader rejects (an undefined entity, an XXE or
// entity-expansion DTD) was read as a zip archive, its raw XML taken for a narrative, and the
// applicant told 附件2 fields were missing. Such a file is an unreadable Office file; a DTD is
// refused before any XML parser runs, so no entity is ever expanded or resolved.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { prologVerdict } from '../../../src/formats/ooxml-doctype.ts';
import { parseDocument } from '../../../src/formats/registry.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { buildDocx } from '../attachments/docx-builder.ts';

const pool = new ParsePool({ size: 1, timeoutMs: 120_000, memoryMb: 256 });
afterAll(() => pool.close());

const SECRET = 'XXE-MARKER-7f3a9c';
const secretFile = join(mkdtempSync(join(tmpdir(), 'xxe-')), 'secret.txt');
writeFileSync(secretFile, SECRET);

const LAUGHS = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>`;
const XXE = `<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`;

/** A real-looking 附件2 .docx whose document.xml is rewritten by `edit`. */
async function docxWith(edit: (xml: string) => string, encoding: 'utf8' | 'utf16le' = 'utf8'): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buildDocx(['一、背景描述', '正文', '二、创新点', '正文']));
  const xml = edit(await zip.file('word/document.xml')!.async('string'));
  zip.file(
    'word/document.xml',
    encoding === 'utf8' ? xml : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('UTF-8', 'UTF-16'), 'utf16le')]),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const withDoctype = (doctype: string, entity: string) => (xml: string) =>
  xml.replace('?>', `?>${doctype}`).replace('正文', `正文${entity}`);

async function xlsxWithSharedString(doctype: string, entity: string): Promise<Buffer> {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['序号', '数据集案例名称'],
      [1, '案例'],
    ]),
    'Sheet1',
  );
  const zip = await JSZip.loadAsync(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true }) as Buffer);
  const path = Object.keys(zip.files).find((p) => /sharedStrings\.xml$/i.test(p))!;
  const xml = await zip.file(path)!.async('string');
  zip.file(path, xml.replace('?>', `?>${doctype}`).replace('案例<', `案例${entity}<`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const parse = (filename: string, content: Buffer) => parseDocument({ filename, contentType: '', content });

describe('Office files whose XML carries a DTD or an undefined entity', () => {
  it.each([
    ['an external entity (XXE)', () => docxWith(withDoctype(XXE, '&xxe;'))],
    ['entity expansion', () => docxWith(withDoctype(LAUGHS, '&lol4;'))],
    ['a DTD in a UTF-16 part', () => docxWith(withDoctype(LAUGHS, '&lol4;'), 'utf16le')],
  ])('a .docx with %s is an unreadable .docx, not an archive', async (_name, make) => {
    const r = await parse('附件2 案例介绍.docx', await make());
    expect(r.format).toBe('docx');
    expect(r.parsed).toBeUndefined();
    expect(r.error).toMatch(/DTD/);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('a .docx with an undefined entity is an unreadable .docx, not an archive', async () => {
    const r = await parse('附件2 案例介绍.docx', await docxWith((xml) => xml.replace('正文', '正文&nbsp;')));
    expect(r.format).toBe('docx');
    expect(r.parsed).toBeUndefined();
  });

  it.each([
    ['an external entity (XXE)', `<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`, '&xxe;'],
    ['entity expansion', LAUGHS, '&lol4;'],
  ])('a .xlsx with %s is an unreadable .xlsx', async (_name, doctype, entity) => {
    const r = await parse('附件3.xlsx', await xlsxWithSharedString(doctype, entity));
    expect(r.format).toBe('xlsx');
    expect(r.parsed).toBeUndefined();
    expect(r.error).toMatch(/DTD/);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('is one unreadable attachment in the email, with no members read as documents', async () => {
    const content = await docxWith(withDoctype(XXE, '&xxe;'));
    const files = await expandAttachments([makeFoundFile('附件2 案例介绍.docx', 'application/octet-stream', content)], { pool });
    expect(files.map((f) => [f.filename, f.format, f.readable])).toEqual([['附件2 案例介绍.docx', 'docx', false]]);
  });

  it('still reads the same document without the DTD', async () => {
    const r = await parse('附件2 案例介绍.docx', await docxWith((xml) => xml));
    expect(r.parsed?.text).toContain('背景描述');
  });
});

describe('prologVerdict', () => {
  it('looks past the declaration, comments and processing instructions only', () => {
    expect(prologVerdict('<?xml version="1.0"?>\r\n<w:document/>')).toBe('root');
    expect(prologVerdict('\ufeff<?xml version="1.0"?><!-- <!DOCTYPE --><a/>')).toBe('root');
    expect(prologVerdict('<?xml version="1.0"?><!-- c --><!DOCTYPE a []><a/>')).toBe('doctype');
    expect(prologVerdict('<?xml version="1.0"?><!-- unfinished')).toBe('more');
    expect(prologVerdict('\x89PNG\r\n')).toBe('not-xml');
  });
});
