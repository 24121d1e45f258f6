// Zip bombs made of many medium members, each under the member ratio test: judged as a whole by
// the declared sizes in the archive's directory, before anything is inflated.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { expandAttachments } from '../../../src/attachments/expand-attachments.ts';
import { ParsePool } from '../../../src/attachments/parse-pool.ts';
import { wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import { extractEmail, judgeExtraction } from '../../../src/extract/extract-email.ts';
import { archiveBombReason, defaultZipLimits, readZip } from '../../../src/formats/zip-reader.ts';
import { makeFoundFile } from '../../../src/mime/found-file.ts';
import { buildZip } from './zip-builder.ts';

const pool = new ParsePool({ size: 1, timeoutMs: 120_000, memoryMb: 256 });
afterAll(() => pool.close());

const MB = 1024 * 1024;

/** 50 members of 10 MB of zeros (exactly the member test's threshold, so each passes it alone). */
function manyMediumBomb(): Buffer {
  const zeros = Buffer.alloc(10 * MB);
  expect(deflateRawSync(zeros).length).toBeLessThan(20 * 1024);
  return buildZip(Array.from({ length: 50 }, (_, i) => ({ name: `z${i + 1}.txt`, data: zeros, deflate: true })));
}

describe('whole-archive bomb test', () => {
  it('judges declared totals against the archive size', () => {
    const limits = defaultZipLimits();
    expect(archiveBombReason('zip', 500 * MB, 500 * 1024, limits)).toMatch(/zip bomb/);
    // A big but ordinarily compressed archive, and a small highly compressed one, are fine.
    expect(archiveBombReason('zip', 500 * MB, 100 * MB, limits)).toBeNull();
    expect(archiveBombReason('zip', 8 * MB, 10 * 1024, limits)).toBeNull();
  });

  it('refuses 50 x 10 MB of zeros without inflating a member', async () => {
    const bomb = manyMediumBomb();
    const budget = { bytesLeft: defaultZipLimits().maxTotalBytes, entriesLeft: defaultZipLimits().maxEntries };
    await expect(readZip(bomb, defaultZipLimits(), budget)).rejects.toThrow(/zip bomb/);
    // Nothing was charged to the email's budget: the members were never read.
    expect(budget.bytesLeft).toBe(defaultZipLimits().maxTotalBytes);

    const files = await expandAttachments([makeFoundFile('样例数据.zip', 'application/zip', bomb)], { pool });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ format: 'zip', readable: false });
    expect(files[0].error).toMatch(/zip bomb/);
  });

  it('flags the bomb as an unreadable attachment of the email', async () => {
    const mail = new MailComposer({
      from: '"李明" <liming@example.com>',
      to: 'ssjjsjzlc@163.com',
      subject: '数据集样例',
      text: '您好,样例数据见附件。',
      date: new Date('2025-10-31T02:00:00Z'),
      attachments: [{ filename: '样例数据.zip', content: manyMediumBomb() }],
    });
    const extraction = await extractEmail(await mail.compile().build(), { campaign });
    const { output } = judgeExtraction(extraction, { campaign, isResubmission: false });
    expect(output.attachments).toEqual([{ filename: '样例数据.zip', kind: 'samples', readable: false }]);
    expect(output.flags).toContain('UNREADABLE_ATTACHMENT:样例数据.zip');
    expect(output.flags.filter((f) => f.startsWith('UNREADABLE_ATTACHMENT:z'))).toEqual([]);
  });

  it('keeps the per-email budget: members past it are never inflated', async () => {
    const data = Buffer.alloc(3 * MB, 0x31);
    const zip = buildZip([
      { name: 'a.csv', data },
      { name: 'b.csv', data },
    ]);
    const limits = { ...defaultZipLimits(), maxTotalBytes: 5 * MB };
    const files = await expandAttachments([makeFoundFile('a.zip', 'application/zip', zip)], { pool, zipLimits: limits });
    expect(files).toHaveLength(1);
    expect(files[0].readable).toBe(false);
    expect(files[0].error).toMatch(/exceeds the limit/);
  });
});
