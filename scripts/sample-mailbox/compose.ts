// MIME for the sample mailbox. UTF-8 mail is built by nodemailer's MailComposer with fixed
// boundaries, Message-ID and Date; a legacy GBK client (Outlook on a Chinese Windows) is
// written by hand because MailComposer only writes UTF-8. The bureau's MX then prepends
// `Received:` (its time is the receipt time) and `Return-Path:`, as 163.com stores it.
import iconv from 'iconv-lite';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export type Attachment = { filename: string; content: Buffer; contentType: string };

export type MailSpec = {
  from: { name: string; address: string };
  to: string;
  subject: string;
  /** Sender's clock (Date: header): a few seconds to minutes before receipt. */
  date: Date;
  messageId: string;
  text: string;
  headers?: Record<string, string>;
  attachments?: Attachment[];
  boundary: string;
};

/** RFC 5322 date as the MX writes it, in the given offset ("+0800" or "+0000"). */
export function rfc2822(d: Date, offset: '+0800' | '+0000'): string {
  const shift = offset === '+0800' ? 8 * 3600_000 : 0;
  const t = new Date(d.getTime() + shift);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[t.getUTCDay()]}, ${pad(t.getUTCDate())} ${months[t.getUTCMonth()]} ${t.getUTCFullYear()} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} ${offset}`
  );
}

export type Delivery = { receivedAt: Date; offset: '+0800' | '+0000'; senderHost: string; senderIp: string; mx: string; smtpId: string };

/** The headers the bureau's MX prepends; the top `Received:` carries the receipt time. */
export function mxHeaders(returnPath: string, d: Delivery): string {
  const zone = d.offset === '+0800' ? ' (CST)' : '';
  return [
    `Return-Path: <${returnPath}>`,
    `Received: from ${d.senderHost} (unknown [${d.senderIp}])`,
    `\tby ${d.mx} (Coremail) with SMTP id ${d.smtpId};`,
    `\t${rfc2822(d.receivedAt, d.offset)}${zone}`,
    `Authentication-Results: ${d.mx}.163.com; spf=pass smtp.mail=${returnPath}`,
    '',
  ].join('\r\n');
}

export async function composeUtf8(spec: MailSpec): Promise<Buffer> {
  const composer = new MailComposer({
    from: spec.from,
    to: spec.to,
    subject: spec.subject,
    date: spec.date,
    messageId: spec.messageId,
    text: spec.text,
    headers: spec.headers,
    attachments: spec.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    // Not in @types/nodemailer, but MailComposer reads them: fixed boundaries = same bytes every run.
    baseBoundary: spec.boundary,
    boundaryPrefix: '----=_Part',
  } as ConstructorParameters<typeof MailComposer>[0]);
  return composer.compile().build();
}

function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

const gbkWord = (s: string) => `=?GBK?B?${iconv.encode(s, 'gbk').toString('base64')}?=`;
const gbk2231 = (s: string) =>
  `GBK''${[...iconv.encode(s, 'gbk')].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')}`;

/**
 * A legacy Chinese client: GBK everywhere. Names are RFC 2047 GBK words in `name=` (what Outlook
 * writes) except where `rfc2231` is set, which gets `filename*=GBK''…` (RFC 2231) as well.
 */
export function composeGbk(spec: MailSpec & { rfc2231?: string[] }): Buffer {
  const boundary = `----=_NextPart_000_${spec.boundary}`;
  const head = [
    `Date: ${rfc2822(spec.date, '+0800')}`,
    `From: ${gbkWord(spec.from.name)} <${spec.from.address}>`,
    `To: <${spec.to}>`,
    `Subject: ${gbkWord(spec.subject)}`,
    `Message-ID: <${spec.messageId.replace(/[<>]/g, '')}>`,
    ...Object.entries(spec.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;\r\n\tboundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    '',
  ];
  const parts = [
    [
      `--${boundary}`,
      'Content-Type: text/plain;\r\n\tcharset="gb2312"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(iconv.encode(spec.text.replace(/\r?\n/g, '\r\n'), 'gbk')),
      '',
    ],
    ...(spec.attachments ?? []).map((a) => {
      const disposition = spec.rfc2231?.includes(a.filename)
        ? `attachment;\r\n\tfilename*=${gbk2231(a.filename)}`
        : `attachment;\r\n\tfilename="${gbkWord(a.filename)}"`;
      return [
        `--${boundary}`,
        `Content-Type: ${a.contentType};\r\n\tname="${gbkWord(a.filename)}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: ${disposition}`,
        '',
        base64Lines(a.content),
        '',
      ];
    }),
  ];
  return Buffer.from([...head, ...parts.flat(), `--${boundary}--`, ''].join('\r\n'), 'latin1');
}
