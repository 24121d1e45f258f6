import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { defaultZipLimits } from '../../../src/formats/zip-reader.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { buildZip } from './zip-builder.ts';

const pool = new ParsePool({ size: 1, timeoutMs: 120_000, memoryMb: 256 });
afterAll(() => pool.close());

const csv = Buffer.from('id,value\n1,2\n');
const zipFile = (name: string, content: Buffer) => makeFoundFile(name, 'application/zip', content);

describe('expandAttachments', () => {
  it('lists members after their archive, nested zips depth first, GBK names decoded', async () => {
    const inner = buildZip([{ name: iconv.encode('样例/数据.csv', 'gbk'), data: csv, deflate: true }]);
    const outer = buildZip([
      { name: iconv.encode('申报材料/数据集样例.zip', 'gbk'), data: inner },
      { name: '说明.txt', data: Buffer.from('说明'), utf8Flag: true },
    ]);
    const files = await expandAttachments([zipFile('材料.zip', outer), makeFoundFile('a.csv', 'text/csv', csv)], { pool });
    expect(files.map((f) => [f.filename, f.parentIndex, f.depth, f.format, f.readable])).toEqual([
      ['材料.zip', null, 0, 'zip', true],
      ['申报材料/数据集样例.zip', 0, 1, 'zip', true],
      ['样例/数据.csv', 1, 2, 'csv', true],
      ['说明.txt', 0, 1, 'txt', true],
      ['a.csv', null, 0, 'csv', true],
    ]);
    expect(files[2].parsed?.blocks[0]).toMatchObject({ type: 'table' });
    // Every file a parser or archive reader ran on carries its time (attachments.parse_ms).
    expect(files.every((f) => Number.isInteger(f.parseMs) && f.parseMs! >= 0)).toBe(true);
  });

  it('leaves the parse time out where no parser ran', async () => {
    const [empty] = await expandAttachments([makeFoundFile('empty.csv', 'text/csv', Buffer.alloc(0))], { pool });
    expect(empty.readable).toBe(false);
    expect(empty.parseMs).toBeUndefined();
  });

  it('keeps path-traversal names as names only', async () => {
    const files = await expandAttachments([zipFile('x.zip', buildZip([{ name: '../../etc/passwd.csv', data: csv }]))], { pool });
    expect(files[1].filename).toBe('../../etc/passwd.csv');
    expect(files[1].readable).toBe(true);
  });

  it('marks a zip bomb unreadable without inflating it', async () => {
    const bomb = buildZip([{ name: 'zeros.csv', data: Buffer.alloc(40 * 1024 * 1024), deflate: true }]);
    const files = await expandAttachments([zipFile('样例.zip', bomb)], { pool });
    expect(files).toHaveLength(1);
    expect(files[0].readable).toBe(false);
    expect(files[0].error).toMatch(/bomb|limit/);
  });

  it('enforces the member count and total size limits', async () => {
    const many = buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.csv`, data: csv })));
    const limits = { ...defaultZipLimits(), maxEntries: 3, maxTotalBytes: 1024, maxEntryBytes: 1024 };
    const [tooMany] = await expandAttachments([zipFile('m.zip', many)], { pool, zipLimits: limits });
    expect(tooMany.readable).toBe(false);
    const big = buildZip([{ name: 'big.csv', data: Buffer.alloc(4096, 0x31) }]);
    const [tooBig] = await expandAttachments([zipFile('b.zip', big)], { pool, zipLimits: limits });
    expect(tooBig.readable).toBe(false);
  });

  it('marks encrypted members, truncated archives and empty files unreadable', async () => {
    const enc = buildZip([
      { name: 'secret.csv', data: csv, encrypted: true },
      { name: 'open.csv', data: csv },
    ]);
    const files = await expandAttachments([zipFile('e.zip', enc)], { pool });
    expect(files.map((f) => [f.filename, f.readable])).toEqual([
      ['e.zip', true],
      ['secret.csv', false],
      ['open.csv', true],
    ]);
    expect(files[1].error).toMatch(/password/);

    const whole = buildZip([{ name: 'a.csv', data: csv }]);
    const [truncated] = await expandAttachments([zipFile('t.zip', whole.subarray(0, whole.length - 30))], { pool });
    expect(truncated.readable).toBe(false);

    const [empty] = await expandAttachments([makeFoundFile('附件1.docx', '', Buffer.alloc(0))], { pool });
    expect(empty).toMatchObject({ readable: false, format: 'docx', error: 'empty file' });
  });

  it('stops at the nesting limit', async () => {
    let zip = buildZip([{ name: 'a.csv', data: csv }]);
    for (let i = 0; i < 4; i++) zip = buildZip([{ name: `level${i}.zip`, data: zip }]);
    const files = await expandAttachments([zipFile('deep.zip', zip)], { pool, maxDepth: 2 });
    expect(files.map((f) => f.depth)).toEqual([0, 1, 2]);
    expect(files[2]).toMatchObject({ readable: false, format: 'zip' });
  });

  it('turns a parse that runs out of time into an unreadable file, not a crash', async () => {
    // A parse process that takes the file and never answers: the limit, not the parser's speed, decides.
    const hang = new URL('./workers/hang-parse-worker.ts', import.meta.url).href;
    const slow = new ParsePool({ size: 1, timeoutMs: 300, memoryMb: 256 }, hang);
    try {
      const [file] = await expandAttachments([makeFoundFile('a.csv', 'text/csv', csv)], { pool: slow });
      expect(file.readable).toBe(false);
      expect(file.error).toMatch(/timed out/);
      expect(file.parseMs).toBeGreaterThanOrEqual(290);
    } finally {
      await slow.close();
    }
  });
});
