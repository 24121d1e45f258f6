import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMbox, readMailFiles, splitMbox } from '../../../src/ingest/read-mail-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'read-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const msg = (n: number, body: string) =>
  `Received: from mx.163.com; Wed, 29 Oct 2025 10:0${n}:00 +0800\r\nSubject: test ${n}\r\n\r\n${body}\r\n`;

describe('reading mail files', () => {
  it('splits an mbox on From_ lines and unquotes >From', () => {
    const gbk = Buffer.from([0xce, 0xe4, 0xba, 0xba]); // "武汉" in GBK: 8-bit bytes must survive
    const mbox = Buffer.concat([
      Buffer.from(`From a@b.cn Wed Oct 29 10:01:00 2025\n${msg(1, 'line\n>From the applicant\nFrom inside text is not a separator')}\n`),
      Buffer.from('From c@d.cn Wed Oct 29 10:02:00 2025\n'),
      Buffer.from(msg(2, '')),
      gbk,
      Buffer.from('\n'),
    ]);
    expect(isMbox(mbox)).toBe(true);
    const parts = splitMbox(mbox);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.toString('latin1')).toContain('\nFrom the applicant');
    expect(parts[0]!.toString('latin1')).toContain('From inside text is not a separator');
    expect(parts[0]!.toString('latin1').startsWith('Received:')).toBe(true);
    expect(parts[1]!.includes(gbk)).toBe(true);
  });

  it('reads a directory of .eml files and a single file; an mbox named .eml is still split', async () => {
    writeFileSync(join(dir, 'b.eml'), msg(2, 'b'));
    writeFileSync(join(dir, 'a.eml'), msg(1, 'a'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    writeFileSync(
      join(dir, 'c.eml'),
      `From x@y Wed Oct 29 10:03:00 2025\n${msg(3, 'c')}\nFrom x@y Wed Oct 29 10:04:00 2025\n${msg(4, 'd')}`,
    );
    const files = await readMailFiles(dir);
    expect(files.map((f) => f.label)).toEqual(['a.eml', 'b.eml', 'c.eml#1', 'c.eml#2']);
    const single = await readMailFiles(join(dir, 'a.eml'));
    expect(single).toHaveLength(1);
    expect(single[0]!.raw.toString()).toBe(msg(1, 'a'));
  });
});
