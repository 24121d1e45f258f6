// Raw RFC 5322 bytes -> ParsedEmail. mailparser does the MIME walking and body decoding; we own
// the parts it gets wrong for Chinese mail: raw 8-bit GBK names, GB2312 labels carrying GBK-only
// characters, the receipt time (top Received:, never Date:) and what counts as an attachment.
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import type { FoundFile, ParsedEmail } from '../types.ts';
import { decodeHeaderValue, repairLatin1Mojibake } from './decode-text.ts';
import { attachmentName } from './attachment-name.ts';
import { makeFoundFile } from './found-file.ts';
import { readRawHeaders, type RawHeader } from './raw-headers.ts';
import { receivedAtFromHeaders } from './received-at.ts';

/** Forwarded messages inside forwarded messages: deeper than this is not a real submission. */
const MAX_FORWARD_DEPTH = 5;

/** Parts of a delivery/read report that describe the report, never applicant materials. */
const REPORT_PARTS = /^(message\/|text\/rfc822-headers)/i;

// mailparser rejects a header block over 1 MB (EMAXLEN) and the email would fail for good; header
// decoding is linear in its size (mailparser's and ours), so a giant subject is read, not refused.
const MAX_HEAD_SIZE = 16 * 1024 * 1024;

/**
 * MIME parts (mailsplit's nodes, containers included) read from one message: mailparser's own
 * limit, set here so that it is ours. A message with more is read up to about this many parts and
 * the rest kept unread as one file (see readWithinPartLimit), never rejected whole.
 */
export const MAX_MIME_PARTS = 1000;

const PARSE_OPTIONS = {
  skipImageLinks: true,
  skipTextToHtml: true,
  maxHtmlLengthToParse: 5_000_000,
  maxHeadSize: MAX_HEAD_SIZE,
  maxChildNodes: MAX_MIME_PARTS,
};

const TOO_MANY_PARTS = /child nodes exceeded/i;

/** Byte offset of the start of the `n`th line that begins with "--" (a boundary, or text that looks like one). */
function nthDashLine(raw: Buffer, n: number): number | null {
  let at = 0;
  for (let seen = 0; ; seen++) {
    const i = raw.indexOf('\n--', at);
    if (i < 0) return null;
    if (seen + 1 === n) return i + 1;
    at = i + 3;
  }
}

/**
 * mailparser over `raw`; past MAX_MIME_PARTS, mailparser over the message cut at a part boundary
 * (every line starting with "--" counts, so at most that many parts are kept) and the rest, as
 * sent, in `rest`. Cut parts end a multipart early, which mailparser reads like a truncated one.
 */
async function readWithinPartLimit(raw: Buffer): Promise<{ mail: ParsedMail; rest: Buffer | null }> {
  try {
    return { mail: await simpleParser(raw, PARSE_OPTIONS), rest: null };
  } catch (err) {
    if (!TOO_MANY_PARTS.test((err as Error).message ?? '')) throw err;
  }
  // Containers and forwarded messages count as nodes too: halve the cut until it parses.
  for (let keep = MAX_MIME_PARTS; keep >= 8; keep = Math.floor(keep / 2)) {
    const cut = nthDashLine(raw, keep);
    if (cut === null) break;
    try {
      return { mail: await simpleParser(raw.subarray(0, cut), PARSE_OPTIONS), rest: raw.subarray(cut) };
    } catch (err) {
      if (!TOO_MANY_PARTS.test((err as Error).message ?? '')) throw err;
    }
  }
  throw new Error(`more than ${MAX_MIME_PARTS} MIME parts, and no boundary to cut the message at`);
}

/** The unread rest of a message with too many parts: kept as one file, flagged unreadable. */
function unreadRest(rest: Buffer, keptFiles: number): FoundFile {
  const file = makeFoundFile(`未读取的邮件其余部分（第${keptFiles + 1}个附件起）.eml`, 'message/rfc822', rest);
  file.format = 'eml';
  file.readable = false;
  file.unreadableReason = 'too_many_parts';
  file.error = `more than ${MAX_MIME_PARTS} MIME parts: the rest of the message (${rest.length} bytes) was not read`;
  return file;
}

/** A forwarded message nested too deep: kept as sent, flagged unreadable, never read as text. */
function tooDeep(file: FoundFile): FoundFile {
  file.format = 'eml';
  file.readable = false;
  file.unreadableReason = 'nested';
  file.error = `forwarded message nested deeper than ${MAX_FORWARD_DEPTH} levels`;
  return file;
}

export type ParseMessageOptions = { receivedAt?: Date | null };

function headerMap(rawHeaders: RawHeader[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const h of rawHeaders) {
    if (!(h.name in map)) map[h.name] = decodeHeaderValue(h.value);
  }
  return map;
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const ms = Date.parse(value.replace(/\([^)]*\)/g, ' ').trim());
  return Number.isNaN(ms) ? null : new Date(ms);
}

function isInlineBodyImage(a: Attachment): boolean {
  // multipart/related parts referenced by Content-ID are pictures in the body (signatures, logos).
  return Boolean(a.related && a.cid);
}

type Collected = { files: FoundFile[]; texts: string[]; htmls: string[] };

async function collectAttachments(mail: ParsedMail, source: Buffer, isReport: boolean, depth: number, into: Collected): Promise<void> {
  for (const [i, a] of mail.attachments.entries()) {
    if (isInlineBodyImage(a)) continue;
    const type = a.contentType.toLowerCase();
    if (isReport && REPORT_PARTS.test(type)) continue;
    const forwarded = type === 'message/rfc822' || type === 'message/global';
    if (forwarded && depth < MAX_FORWARD_DEPTH) {
      // A message forwarded as an attachment: its content is the submission, so list its files
      // in place (recursively) and keep its body text for the readers that look at text.
      const { mail: inner, rest } = await readWithinPartLimit(a.content);
      into.texts.push(inner.text ?? '');
      if (typeof inner.html === 'string') into.htmls.push(inner.html);
      await collectAttachments(inner, a.content, false, depth + 1, into);
      if (rest) into.files.push(unreadRest(rest, into.files.length));
      continue;
    }
    const file = makeFoundFile(attachmentName(a, i, source), type, a.content);
    into.files.push(forwarded ? tooDeep(file) : file);
  }
}

/**
 * mailparser reads raw 8-bit header bytes as UTF-8, so an unencoded GBK subject or sender name comes
 * out as U+FFFD soup (unrecoverable); our own decoding of the raw bytes is used then. Text that
 * looks like latin1 mojibake is ambiguous (=?iso-8859-1?Q?M=E4ngel?= decodes to it too): our own
 * decoding knows which it was; without one it is kept as mailparser decoded it.
 */
function headerText(parsed: string | undefined, own: string | undefined): string | undefined {
  if (parsed === undefined) return own;
  if (parsed.includes('\uFFFD') && own !== undefined && !own.includes('\uFFFD')) return own;
  if (repairLatin1Mojibake(parsed) !== parsed) return own ?? parsed;
  return parsed;
}

/** The display name of a decoded `From:` value (`"Name" <addr>` or `Name <addr>`). */
function displayName(from: string | undefined): string | undefined {
  const m = /^\s*"?([^"<]*?)"?\s*</.exec(from ?? '');
  return m && m[1].trim() ? m[1].trim() : undefined;
}

export async function parseMessage(raw: Buffer, opts: ParseMessageOptions = {}): Promise<ParsedEmail> {
  const rawHeaders = readRawHeaders(raw);
  const headers = headerMap(rawHeaders);
  const { mail, rest } = await readWithinPartLimit(raw);
  const isReport = /^\s*multipart\/report\b/i.test(headers['content-type'] ?? '');

  const collected: Collected = { files: [], texts: [mail.text ?? ''], htmls: [typeof mail.html === 'string' ? mail.html : ''] };
  await collectAttachments(mail, raw, isReport, 0, collected);
  if (rest) collected.files.push(unreadRest(rest, collected.files.length));

  const from = mail.from?.value[0];
  const sentAt = parseDate(headers.date);
  const subject = headerText(mail.subject, headers.subject) ?? '';
  const fromName = headerText(from?.name || undefined, displayName(headers.from));
  return {
    messageId: mail.messageId ?? null,
    subject,
    fromAddress: from?.address ? from.address.toLowerCase() : null,
    fromName: fromName || null,
    sentAt,
    // Receipt time is the mail server's: never Date:, the sender's clock (a file with no dated
    // Received: header has no receipt time, and its lateness cannot be judged).
    receivedAt: opts.receivedAt ?? receivedAtFromHeaders(rawHeaders),
    headers,
    text: collected.texts.filter((t) => t.trim() !== '').join('\n\n'),
    html: collected.htmls.filter((t) => t.trim() !== '').join('\n'),
    attachments: collected.files,
    isReport,
  };
}
