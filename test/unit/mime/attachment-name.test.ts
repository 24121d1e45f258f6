// Names mailparser decoded right stay as decoded; only raw 8-bit bytes that are not UTF-8 (GBK
// written unencoded by legacy clients) are decoded again. Re-decoding everything in the latin1
// range as GB18030 used to turn 2021_Mängelliste.xlsx into 2021_M鋘gelliste.xlsx.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/mime/parse-message.ts';

const CRLF = '\r\n';
const gbk = (s: string) => iconv.encode(s, 'gbk');
const b = (s: string) => Buffer.from(s, 'latin1');

const TOP = [
  'Received: from mx.example.com by mx1; Mon, 03 Nov 2025 02:00:00 +0000',
  'From: a@example.com',
  'Subject: test',
  'MIME-Version: 1.0',
];

/** A message with one attachment per Content-Disposition parameter given (raw bytes allowed). */
function mailWithNames(params: Buffer[], top: (string | Buffer)[] = TOP): Buffer {
  const lines: Buffer[] = [
    ...top.map((h) => (Buffer.isBuffer(h) ? h : b(h))),
    b('Content-Type: multipart/mixed; boundary="B"'),
    b(''),
    b('--B'),
    b('Content-Type: text/plain'),
    b(''),
    b('x'),
  ];
  for (const p of params) {
    lines.push(
      b('--B'),
      b('Content-Type: application/octet-stream'),
      Buffer.concat([b('Content-Disposition: attachment; '), p]),
      b('Content-Transfer-Encoding: base64'),
      b(''),
      b('aGVsbG8='),
    );
  }
  lines.push(b('--B--'), b(''));
  return Buffer.concat(lines.flatMap((l) => [l, b(CRLF)]));
}

async function names(params: Buffer[]): Promise<string[]> {
  return (await parseMessage(mailWithNames(params))).attachments.map((a) => a.filename);
}

const percent = (bytes: Buffer) => [...bytes].map((x) => `%${x.toString(16).toUpperCase().padStart(2, '0')}`).join('');

describe('attachment names', () => {
  it('keeps a name decoded from an explicit latin1 charset (RFC 2047 and RFC 2231)', async () => {
    expect(await names([b('filename="=?iso-8859-1?Q?2021=5FM=E4ngelliste.xlsx?="'), b("filename*=iso-8859-1''M%E4ngel.xlsx")])).toEqual([
      '2021_Mängelliste.xlsx',
      'Mängel.xlsx',
    ]);
  });

  it('keeps a raw 8-bit name that is valid UTF-8', async () => {
    expect(
      await names([
        Buffer.concat([b('filename="'), Buffer.from('ciéle.txt', 'utf8'), b('"')]),
        Buffer.concat([b('filename="'), Buffer.from('样例.zip', 'utf8'), b('"')]),
      ]),
    ).toEqual(['ciéle.txt', '样例.zip']);
  });

  it('still decodes raw 8-bit GBK names, and GBK names in RFC 2047 and RFC 2231 form', async () => {
    expect(
      await names([
        Buffer.concat([b('filename="'), gbk('附件1基本信息征集表.docx'), b('"')]),
        b(`filename="=?GBK?B?${gbk('附件2案例介绍.docx').toString('base64')}?="`),
        b(`filename*=GBK''${percent(gbk('附件3汇总表.xlsx'))}`),
      ]),
    ).toEqual(['附件1基本信息征集表.docx', '附件2案例介绍.docx', '附件3汇总表.xlsx']);
  });

  it('decodes a raw 8-bit GBK name inside a forwarded message', async () => {
    const inner = mailWithNames([Buffer.concat([b('filename="'), gbk('附件1盖章版.pdf'), b('"')])]);
    const empty = mailWithNames([]);
    const outer = Buffer.concat([
      empty.subarray(0, empty.indexOf('--B--')),
      b(`--B${CRLF}Content-Type: message/rfc822${CRLF}Content-Disposition: attachment${CRLF}${CRLF}`),
      inner,
      b(`${CRLF}--B--${CRLF}`),
    ]);
    expect((await parseMessage(outer)).attachments.map((a) => a.filename)).toEqual(['附件1盖章版.pdf']);
  });
});

describe('subject and sender name in the latin1 range', () => {
  it('keeps text decoded from an explicit latin1 charset or from raw UTF-8', async () => {
    const top = (subject: Buffer, from: Buffer) => [TOP[0], Buffer.concat([b('From: '), from]), Buffer.concat([b('Subject: '), subject])];
    const q = await parseMessage(
      mailWithNames([], top(b('=?iso-8859-1?Q?2021=5FM=E4ngelliste?='), b('=?iso-8859-1?Q?J=FCrgen_M=E4nnel?= <a@example.com>'))),
    );
    expect([q.subject, q.fromName]).toEqual(['2021_Mängelliste', 'Jürgen Männel']);
    const utf8 = await parseMessage(mailWithNames([], top(Buffer.from('ciéle', 'utf8'), Buffer.from('"ciéle" <a@example.com>', 'utf8'))));
    expect([utf8.subject, utf8.fromName]).toEqual(['ciéle', 'ciéle']);
  });
});
