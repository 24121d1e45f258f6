import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/mime/parse-message.ts';
import { corpusEmails, hasCorpus } from './corpus.ts';

const CRLF = '\r\n';
const gbk = (s: string) => iconv.encode(s, 'gbk');

function mail(headers: (string | Buffer)[], body: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [];
  for (const h of headers) parts.push(Buffer.isBuffer(h) ? h : Buffer.from(h, 'latin1'), Buffer.from(CRLF));
  parts.push(Buffer.from(CRLF));
  for (const b of body) parts.push(Buffer.isBuffer(b) ? b : Buffer.from(b, 'latin1'), Buffer.from(CRLF));
  return Buffer.concat(parts);
}

const TOP = [
  'Received: from mx.example.com by mx1; Mon, 03 Nov 2025 02:00:00 +0000',
  'Date: Mon, 3 Nov 2025 09:59:00 +0800',
  'From: a@example.com',
  'To: b@example.com',
  'Subject: test',
  'MIME-Version: 1.0',
];

function attachmentPart(nameHeader: (string | Buffer)[], content = 'hello'): (string | Buffer)[] {
  return [
    '--B',
    'Content-Type: application/octet-stream;',
    ...nameHeader,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(content).toString('base64'),
  ];
}

describe('parseMessage', () => {
  it('decodes a raw 8-bit GBK subject and sender name (mailparser reads them as UTF-8)', async () => {
    const headers = TOP.filter((h) => !/^(Subject|From):/.test(h));
    const raw = mail(
      [
        ...headers,
        Buffer.concat([Buffer.from('Subject: '), gbk('武汉堃鹏科技有限公司+武汉市数据集征集')]),
        Buffer.concat([Buffer.from('From: "'), gbk('李明堃'), Buffer.from('" <a@example.com>')]),
        'Content-Type: text/plain; charset=gbk',
      ],
      ['x'],
    );
    const email = await parseMessage(raw);
    expect(email.subject).toBe('武汉堃鹏科技有限公司+武汉市数据集征集');
    expect(email.fromName).toBe('李明堃');
    expect(email.fromAddress).toBe('a@example.com');
  });

  it('never takes the receipt time from Date:, even when no Received: header carries a date', async () => {
    const noReceived = TOP.filter((h) => !h.startsWith('Received:'));
    expect((await parseMessage(mail([...noReceived, 'Content-Type: text/plain'], ['x']))).receivedAt).toBeNull();
    expect((await parseMessage(mail([...TOP, 'Content-Type: text/plain'], ['x']))).receivedAt?.toISOString()).toBe(
      '2025-11-03T02:00:00.000Z',
    );
    const given = new Date('2025-11-06T00:00:00+08:00');
    expect((await parseMessage(mail([...noReceived, 'Content-Type: text/plain'], ['x']), { receivedAt: given })).receivedAt).toEqual(given);
  });

  it('decodes raw 8-bit GBK attachment names', async () => {
    const raw = mail(
      [...TOP, 'Content-Type: multipart/mixed; boundary="B"'],
      [
        '--B',
        'Content-Type: text/plain; charset=gb2312',
        '',
        'x',
        ...attachmentPart([
          Buffer.concat([Buffer.from('\tname="'), gbk('附件1基本信息征集表.docx'), Buffer.from('"')]),
          'Content-Disposition: attachment;',
          Buffer.concat([Buffer.from('\tfilename="'), gbk('附件1基本信息征集表.docx'), Buffer.from('"')]),
        ]),
        '--B--',
      ],
    );
    const email = await parseMessage(raw);
    expect(email.attachments.map((a) => a.filename)).toEqual(['附件1基本信息征集表.docx']);
  });

  it('decodes RFC 2231 continuations, including a GB2312 charset', async () => {
    const enc = (s: string, cs: string) =>
      [...iconv.encode(s, cs)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    const name = '武汉楚天智造科技股份有限公司+武汉市数据集征集-附件1基本信息征集表.docx';
    const utf = enc(name, 'utf8');
    const raw = mail(
      [...TOP, 'Content-Type: multipart/mixed; boundary="B"'],
      [
        ...attachmentPart([
          'Content-Disposition: attachment;',
          ` filename*0*=UTF-8''${utf.slice(0, 90)};`,
          ` filename*1*=${utf.slice(90)}`,
        ]),
        ...attachmentPart(['Content-Disposition: attachment;', ` filename*=gb2312''${enc('王堃汇总表.xlsx', 'gbk')}`]),
        '--B--',
      ],
    );
    const email = await parseMessage(raw);
    expect(email.attachments.map((a) => a.filename)).toEqual([name, '王堃汇总表.xlsx']);
  });

  it('decodes a GB2312-labelled sender name carrying a GBK-only character', async () => {
    const raw = mail(
      [...TOP.filter((h) => !h.startsWith('From')), `From: =?gb2312?B?${gbk('王堃').toString('base64')}?= <wk@example.com>`],
      ['hi'],
    );
    const email = await parseMessage(raw);
    expect(email.fromName).toBe('王堃');
    expect(email.fromAddress).toBe('wk@example.com');
  });

  it('takes receipt time from the top Received header, or from the caller', async () => {
    const raw = mail(TOP, ['hi']);
    const email = await parseMessage(raw);
    expect(email.receivedAt?.toISOString()).toBe('2025-11-03T02:00:00.000Z');
    expect(email.sentAt?.toISOString()).toBe('2025-11-03T01:59:00.000Z');
    const internal = new Date('2025-11-03T03:00:00Z');
    expect((await parseMessage(raw, { receivedAt: internal })).receivedAt).toEqual(internal);
  });

  it('unwraps a forwarded message/rfc822 and skips inline body images', async () => {
    const inner = mail(
      ['From: applicant@example.com', 'Subject: inner', 'Content-Type: multipart/mixed; boundary="I"'],
      [
        '--I',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'inner body',
        ...attachmentPart(['Content-Disposition: attachment; filename="a.pdf"']).map((l) => (l === '--B' ? '--I' : l)),
        '--I--',
      ],
    );
    const raw = mail(
      [...TOP, 'Content-Type: multipart/mixed; boundary="B"'],
      [
        '--B',
        'Content-Type: multipart/related; boundary="R"',
        '',
        '--R',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>see <img src="cid:sig@x"></p>',
        '--R',
        'Content-Type: image/png; name="image001.png"',
        'Content-ID: <sig@x>',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('png').toString('base64'),
        '--R--',
        '--B',
        'Content-Type: message/rfc822',
        'Content-Disposition: attachment',
        '',
        inner.toString('latin1'),
        '--B--',
      ],
    );
    const email = await parseMessage(raw);
    expect(email.attachments.map((a) => [a.filename, a.parentIndex, a.depth])).toEqual([['a.pdf', null, 0]]);
    expect(email.attachments[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(email.text).toContain('inner body');
    expect(email.isReport).toBe(false);
  });

  it('does not unwrap the returned message of a delivery report', async () => {
    const raw = mail(
      [...TOP, 'Content-Type: multipart/report; report-type=delivery-status; boundary="B"'],
      [
        '--B',
        'Content-Type: text/plain',
        '',
        'failed',
        '--B',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx',
        '',
        'Final-Recipient: rfc822; x@y',
        'Action: failed',
        '--B',
        'Content-Type: message/rfc822',
        '',
        'From: us@example.com',
        'Subject: ack',
        'Content-Type: multipart/mixed; boundary="I"',
        '',
        '--I',
        'Content-Type: application/pdf; name="x.pdf"',
        '',
        'x',
        '--I--',
        '--B--',
      ],
    );
    const email = await parseMessage(raw);
    expect(email.isReport).toBe(true);
    expect(email.attachments).toEqual([]);
  });
});

describe.skipIf(!hasCorpus)('parseMessage on the development corpus', () => {
  for (const { name, raw, expected } of corpusEmails()) {
    it(`${name}: attachment names and receipt time`, async () => {
      const email = await parseMessage(raw);
      expect(email.attachments.map((a) => a.filename)).toEqual(expected.attachments.map((a) => a.filename));
      expect(email.receivedAt?.getTime()).toBe(new Date(expected.received_at).getTime());
    });
  }
});
