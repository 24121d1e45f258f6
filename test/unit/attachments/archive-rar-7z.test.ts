// RAR and 7z archives read like zips: members listed with decoded names after their archive,
// classified, limits and nesting shared, encrypted or damaged archives unreadable, never a crash.
// Fixtures: test/fixtures/archives (see its README for how each was made).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sevenZipPackage from '7z-wasm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import { classifyFiles } from '../../../src/attachments/classify.ts';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { extractEmail } from '../../../src/extract/extract-email.ts';
import { parseDocument } from '../../../src/formats/registry.ts';
import { defaultZipLimits } from '../../../src/formats/zip-reader.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { parseMessage } from '../../../src/mime/parse-message.ts';
import type { FoundFile } from '../../../src/types.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = resolve(projectRoot, 'test/fixtures/archives');
const corpusDir = resolve(projectRoot, '../shared/corpus');
const hasCorpus = existsSync(resolve(corpusDir, 'index.json'));

const pool = new ParsePool({ size: 1, timeoutMs: 120_000, memoryMb: 256 });
afterAll(() => pool.close());

const fixture = (name: string, contentType = 'application/octet-stream'): FoundFile =>
  makeFoundFile(name, contentType, readFileSync(resolve(fixtures, name)));

const row = (f: FoundFile) => [f.filename, f.parentIndex, f.depth, f.format, f.readable];

describe('7z archives', () => {
  it('lists members with Chinese names after the archive, parses and classifies them', async () => {
    const files = await expandAttachments([fixture('materials.7z')], { pool });
    classifyFiles(files);
    // Archive order: 7-Zip groups a solid archive's members by extension.
    expect(files.map(row)).toEqual([
      ['materials.7z', null, 0, '7z', true],
      ['样例数据/交通流量样例.csv', 0, 1, 'csv', true],
      ['附件2-案例介绍.docx', 0, 1, 'docx', true],
    ]);
    expect(files.map((f) => f.kind)).toEqual(['archive', 'samples', 'form2']);
    expect(files[0].parsed?.text).toBe('样例数据/交通流量样例.csv\n附件2-案例介绍.docx');
    expect(files[1].parsed?.blocks[0]).toMatchObject({ type: 'table' });
  });

  it('classifies an archive of data files as samples', async () => {
    const files = await expandAttachments([fixture('samples.7z')], { pool });
    classifyFiles(files);
    expect(files.map((f) => [f.filename, f.format, f.kind])).toEqual([
      ['samples.7z', '7z', 'samples'],
      ['sample-a.csv', 'csv', 'samples'],
      ['样例标注.json', 'json', 'samples'],
    ]);
  });

  it('marks password-protected members and archives unreadable as encrypted', async () => {
    const members = await expandAttachments([fixture('encrypted.7z')], { pool });
    expect(members.map((f) => [f.filename, f.readable])).toEqual([
      ['encrypted.7z', true],
      ['sample-a.csv', false],
    ]);
    expect(members[1].error).toMatch(/password/);

    const [headers] = await expandAttachments([fixture('encrypted-headers.7z')], { pool });
    expect(headers).toMatchObject({ format: '7z', readable: false });
    expect(headers.error).toMatch(/password/);
  });

  it('marks a truncated 7z unreadable', async () => {
    const files = await expandAttachments([fixture('truncated.7z')], { pool });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ format: '7z', readable: false });
    expect(files[0].error).toMatch(/damaged or truncated/);
  });

  it('is listed by the format registry too', async () => {
    const file = fixture('materials.7z');
    const result = await parseDocument({ filename: 'x.bin', contentType: '', content: file.content });
    expect(result.format).toBe('7z');
    expect(result.parsed?.text).toContain('附件2-案例介绍.docx');
  });
});

describe('RAR archives', () => {
  it('decodes RAR 4 names stored in GBK and keeps encrypted members unreadable', async () => {
    const files = await expandAttachments([fixture('gbk-names-v4.rar')], { pool });
    expect(files.map(row)).toEqual([
      ['gbk-names-v4.rar', null, 0, 'rar', true],
      ['样例数据/交通流量样例.csv', 0, 1, 'csv', true],
      ['说明.txt', 0, 1, 'txt', true],
      ['secret.csv', 0, 1, 'csv', false],
    ]);
    expect(files[3].error).toMatch(/password/);
  });

  it('recurses through a RAR 5 holding a 7z holding a zip', async () => {
    const files = await expandAttachments([fixture('nested-v5.rar')], { pool });
    expect(files.map(row)).toEqual([
      ['nested-v5.rar', null, 0, 'rar', true],
      ['材料/middle.7z', 0, 1, '7z', true],
      ['inner.zip', 1, 2, 'zip', true],
      ['sample-a.csv', 2, 3, 'csv', true],
      ['样例标注.json', 0, 1, 'json', true],
    ]);
    const shallow = await expandAttachments([fixture('nested-v5.rar')], { pool, maxDepth: 2 });
    expect(shallow.map((f) => [f.filename, f.readable])).toEqual([
      ['nested-v5.rar', true],
      ['材料/middle.7z', true],
      ['inner.zip', false],
      ['样例标注.json', true],
    ]);
  });

  it('marks a truncated RAR unreadable', async () => {
    const [file] = await expandAttachments([fixture('truncated-v5.rar')], { pool });
    expect(file).toMatchObject({ format: 'rar', readable: false });
  });

  it('enforces the member count and size limits before extracting', async () => {
    const limits = { ...defaultZipLimits(), maxEntries: 1, maxTotalBytes: 1 << 20, maxEntryBytes: 1 << 20 };
    const [tooMany] = await expandAttachments([fixture('gbk-names-v4.rar')], { pool, zipLimits: limits });
    expect(tooMany.readable).toBe(false);
    expect(tooMany.error).toMatch(/exceed the limit/);
    const small = { ...defaultZipLimits(), maxEntries: 100, maxTotalBytes: 64, maxEntryBytes: 64 };
    const [tooBig] = await expandAttachments([fixture('materials.7z')], { pool, zipLimits: small });
    expect(tooBig.readable).toBe(false);
    expect(tooBig.error).toMatch(/size exceeds the limit/);
  });

  it('marks a RAR whose headers are encrypted unreadable without asking for a password', async () => {
    const rar = Buffer.from(fixture('gbk-names-v4.rar').content);
    rar[10] |= 0x80; // main header flag MHD_PASSWORD (block at offset 7, flags at +3)
    const [file] = await expandAttachments([makeFoundFile('材料.rar', '', rar)], { pool });
    expect(file).toMatchObject({ format: 'rar', readable: false });
    expect(file.error).toMatch(/password/);
  });

  it('turns garbage behind a RAR signature into an unreadable file, not a crash', async () => {
    const garbage = Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(300, 0x7f)]);
    const [file] = await expandAttachments([makeFoundFile('材料.rar', '', garbage)], { pool });
    expect(file).toMatchObject({ format: 'rar', readable: false });
  });
});

/** A 7z archive made in memory by the same 7-Zip build (the test needs no system tool). */
async function make7z(files: { name: string; content: Buffer }[]): Promise<Buffer> {
  const sz = await sevenZipPackage.default({ print: () => undefined, printErr: () => undefined });
  sz.FS.mkdir('/in');
  for (const f of files) sz.FS.writeFile(`/in/${f.name}`, f.content);
  sz.FS.chdir('/in');
  sz.callMain(['a', '-bd', '/out.7z', ...files.map((f) => f.name)]);
  return Buffer.from(sz.FS.readFile('/out.7z'));
}

async function composeEmail(raw: Buffer, attachments: { filename: string; content: Buffer }[]): Promise<Buffer> {
  const original = await parseMessage(raw);
  const mail = new MailComposer({
    from: original.fromName ? `"${original.fromName}" <${original.fromAddress}>` : (original.fromAddress ?? 'a@example.com'),
    to: 'sjj@example.com',
    subject: original.subject,
    date: original.sentAt ?? undefined,
    text: original.text,
    headers: original.headers.received ? { Received: original.headers.received } : {},
    attachments,
  });
  return mail.compile().build();
}

describe('7z bombs', () => {
  it('refuses a highly compressed archive by its declared sizes, before extracting', async () => {
    const bomb = await make7z([{ name: 'zeros.csv', content: Buffer.alloc(24 * 1024 * 1024) }]);
    const files = await expandAttachments([makeFoundFile('样例.7z', '', bomb)], { pool });
    expect(files).toHaveLength(1);
    expect(files[0].readable).toBe(false);
    expect(files[0].error).toMatch(/bomb/);
  });

  it('refuses many medium members that each pass the member test, judged as a whole', async () => {
    const zeros = Buffer.alloc(9 * 1024 * 1024);
    const bomb = await make7z(Array.from({ length: 6 }, (_, i) => ({ name: `z${i}.txt`, content: zeros })));
    const files = await expandAttachments([makeFoundFile('样例.7z', '', bomb)], { pool });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ format: '7z', readable: false });
    expect(files[0].error).toMatch(/bomb/);
  });
});

describe.skipIf(!hasCorpus)('a submission sent as one 7z', () => {
  it('reads the same submission as from the loose attachments', async () => {
    const raw = readFileSync(resolve(corpusDir, 'd06-outlook-two-cases.eml'));
    const loose = await extractEmail(raw, { campaign });
    const forms = (await parseMessage(raw)).attachments;
    const archive = await make7z(forms.map((f, i) => ({ name: `${i + 1}-${f.filename.replace(/[\\/]/g, '_')}`, content: f.content })));
    const packed = await extractEmail(await composeEmail(raw, [{ filename: '申报材料.7z', content: archive }]), { campaign });
    expect(loose.submission).not.toBeNull();
    expect(packed.submission).toEqual(loose.submission);
    expect(packed.files[0]).toMatchObject({ filename: '申报材料.7z', format: '7z', readable: true, kind: 'archive' });
    expect(
      packed.files
        .slice(1)
        .map((f) => f.kind)
        .sort(),
    ).toEqual(loose.files.map((f) => f.kind).sort());
  });
});
