// Issue 11 (bounded resources), email level: a large but sound sample is recorded as received
// (readable, with a note, no flag); a form too large to read is flagged in words that say so;
// a message with 5,000 parts or forwards nested 500 deep keeps what it can and flags the rest;
// a 4 MB subject decodes in well under a second. Fixtures: test/helpers/large-files.ts.
import { describe, expect, it } from 'vitest';
import { wuhanDatasetCall2025 } from '../../../src/campaign/campaign.ts';
import { extractEmail, judgeExtraction } from '../../../src/extract/extract-email.ts';
import { MAX_MIME_PARTS, parseMessage } from '../../../src/mime/parse-message.ts';
import * as G from '../../helpers/large-files.ts';

const campaign = wuhanDatasetCall2025;

async function judged(raw: Buffer) {
  const x = await extractEmail(raw, { campaign });
  return { x, ...judgeExtraction(x, { campaign, isResubmission: false }) };
}

const CRLF = '\r\n';
// A submission's subject: a message that looks like one is judged as one (not NOT_A_SUBMISSION).
const SUBJECT = `Subject: =?UTF-8?B?${Buffer.from('测试单位+武汉市数据集征集').toString('base64')}?=`;
const HEAD = ['Received: from mx.example.com by mx1.163.com; Mon, 03 Nov 2025 02:00:00 +0000', 'From: a@example.com', 'MIME-Version: 1.0'];

/** `n` small CSV attachments in one multipart/mixed. */
function manyParts(n: number): Buffer {
  const parts = Array.from(
    { length: n },
    (_, i) =>
      `--b${CRLF}Content-Type: text/csv; name="样例${i + 1}.csv"${CRLF}Content-Disposition: attachment; filename="s${i + 1}.csv"${CRLF}${CRLF}a,b${CRLF}${i},1${CRLF}`,
  );
  return Buffer.from([...HEAD, SUBJECT, 'Content-Type: multipart/mixed; boundary="b"', '', 'x', ...parts, '--b--', ''].join(CRLF));
}

/** A message forwarded as an attachment `depth` times over, the innermost carrying one CSV. */
function nestedForwards(depth: number): Buffer {
  let inner = [
    ...HEAD,
    SUBJECT,
    'Content-Type: multipart/mixed; boundary="in"',
    '',
    '--in',
    'Content-Type: text/csv; name="样例.csv"',
    'Content-Disposition: attachment; filename="sample.csv"',
    '',
    'a,b',
    '1,2',
    '--in--',
    '',
  ].join(CRLF);
  for (let level = 0; level < depth; level++) {
    const b = `f${level}`;
    inner = [
      ...HEAD,
      SUBJECT,
      `Content-Type: multipart/mixed; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      '转发',
      // Each level also carries a sample of its own, so the email is a submission and judged.
      `--${b}`,
      `Content-Type: text/csv; name="level${level}.csv"`,
      `Content-Disposition: attachment; filename="level${level}.csv"`,
      '',
      'a,b',
      `--${b}`,
      'Content-Type: message/rfc822',
      '',
      inner,
      `--${b}--`,
      '',
    ].join(CRLF);
  }
  return Buffer.from(inner);
}

/** multipart/mixed inside multipart/mixed `depth` times, a CSV at the bottom. */
function nestedMultiparts(depth: number): Buffer {
  const open = Array.from(
    { length: depth },
    (_, i) => `--m${i}${CRLF}Content-Type: multipart/mixed; boundary="m${i + 1}"${CRLF}${CRLF}`,
  ).join('');
  const close = Array.from({ length: depth }, (_, i) => `--m${depth - i}--${CRLF}`).join('');
  const leaf = `--m${depth}${CRLF}Content-Type: text/csv; name="样例.csv"${CRLF}Content-Disposition: attachment; filename="sample.csv"${CRLF}${CRLF}a,b${CRLF}1,2${CRLF}`;
  return Buffer.from(
    [...HEAD, SUBJECT, 'Content-Type: multipart/mixed; boundary="m0"', '', ''].join(CRLF) + open + leaf + close + `--m0--${CRLF}`,
  );
}

describe('large files in an email', () => {
  it('records a 50 MB CSV sample as received: readable, a note on what was read, no flag', async () => {
    const { x, output, flags } = await judged(G.emailWith([{ filename: '数据集样例.csv', content: G.largeCsv(50) }]));
    expect(output.attachments).toEqual([{ filename: '数据集样例.csv', kind: 'samples', readable: true }]);
    expect(x.files[0].note).toMatch(/^文件较大（50 MB），只读取了前2 MB以确认内容可读；文件已完整保存。$/);
    expect(x.files[0].size).toBeGreaterThan(49 * 1024 * 1024);
    expect(flags.filter((f) => f.code.startsWith('UNREADABLE_ATTACHMENT'))).toEqual([]);
    expect(output.flags).not.toContain('MISSING_ATTACHMENT:samples');
  });

  it('records a sound 50 MB sample workbook as received, unread, with a note', async () => {
    const { x, output } = await judged(G.emailWith([{ filename: '数据集样例.xlsx', content: G.storedSampleXlsx(50) }]));
    expect(output.attachments).toEqual([{ filename: '数据集样例.xlsx', kind: 'samples', readable: true }]);
    expect(x.files[0].note).toMatch(/超过完整读取的上限，未读取其内容/);
    expect(output.flags.some((f) => f.startsWith('UNREADABLE_ATTACHMENT'))).toBe(false);
  });

  it('flags a form too large to read whole as too large, never as damaged', async () => {
    const { output, flags } = await judged(G.emailWith([{ filename: '附件3汇总表.xlsx', content: G.storedSampleXlsx(12) }]));
    expect(output.attachments).toEqual([{ filename: '附件3汇总表.xlsx', kind: 'form3', readable: false }]);
    const flag = flags.find((f) => f.code.startsWith('UNREADABLE_ATTACHMENT'));
    expect(flag?.message).toMatch(/过大，超过系统读取上限/);
    expect(flag?.message).not.toMatch(/损坏/);
  });
});

describe('MIME structure limits', () => {
  it('keeps what it can of a message with 5,000 parts and flags the unread rest', async () => {
    const { x, output, flags } = await judged(manyParts(5_000));
    const kept = x.files.filter((f) => f.readable);
    expect(kept.length).toBeGreaterThan(MAX_MIME_PARTS / 4);
    expect(kept.length).toBeLessThan(MAX_MIME_PARTS);
    const rest = x.files.at(-1)!;
    expect(rest.readable).toBe(false);
    expect(rest.unreadableReason).toBe('too_many_parts');
    expect(output.flags).toContain(`UNREADABLE_ATTACHMENT:${rest.filename}`);
    expect(flags.find((f) => f.code.startsWith('UNREADABLE_ATTACHMENT'))?.message).toMatch(/MIME部分过多/);
  });

  it('unwraps forwards five levels deep and flags the deeper rest, never reading it as a text sample', async () => {
    const { x, output } = await judged(nestedForwards(500));
    // The samples of the outer five levels (outermost first), then the sixth forward, unread.
    expect(x.files.map((f) => f.filename)).toEqual([
      'level499.csv',
      'level498.csv',
      'level497.csv',
      'level496.csv',
      'level495.csv',
      'level494.csv',
      'attachment-2.eml',
    ]);
    const deep = x.files.at(-1)!;
    expect(deep).toMatchObject({ format: 'eml', readable: false, unreadableReason: 'nested' });
    expect(deep.kind).not.toBe('samples');
    expect(output.flags).toContain(`UNREADABLE_ATTACHMENT:${deep.filename}`);
  });

  it('still finds the files of a forward nested three levels', async () => {
    const { output } = await judged(nestedForwards(3));
    expect(output.attachments.map((a) => a.filename)).toEqual(['level2.csv', 'level1.csv', 'level0.csv', 'sample.csv']);
    expect(output.attachments.every((a) => a.readable && a.kind === 'samples')).toBe(true);
  });

  it('reads the file at the bottom of 500 nested multiparts', async () => {
    const { output } = await judged(nestedMultiparts(500));
    expect(output.attachments).toEqual([{ filename: 'sample.csv', kind: 'samples', readable: true }]);
  });

  it('decodes a 4 MB subject in well under a second (bound 2 s for a loaded machine)', async () => {
    const word = `=?UTF-8?B?${Buffer.from('数据集征集').toString('base64')}?=`;
    const n = Math.ceil((4 * 1024 * 1024) / (word.length + 3));
    const subject = Array.from({ length: n }, () => word).join('\r\n ');
    const raw = Buffer.from(
      [...HEAD, `Subject: ${subject}`, 'Content-Type: text/plain; charset=utf-8', '', 'body', ''].join(CRLF),
      'latin1',
    );
    const started = performance.now();
    const email = await parseMessage(raw);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(email.subject).toBe('数据集征集'.repeat(n));
  });
});
