// Materials sent as a download link instead of attachments: 163/126 超大附件 (Coremail "large
// attachment" pages), QQ 超大附件, and the common cloud drives. Ordinary links (company sites in
// signatures, the notice's URL) are not downloads and are ignored. In a reply, the quoted earlier
// message is history, not this email's delivery, so quotes are skipped unless the email is a forward
// (a forward carries the original's materials, links included).
import { Parser } from 'htmlparser2';
import type { ParsedEmail } from '../types.ts';

const DOWNLOAD_LINKS: readonly RegExp[] = [
  // Coremail (163, 126, yeah.net and enterprise Coremail) large-attachment pages, on any host.
  /^https?:\/\/[^?#]*\/(?:large-?attachment|bigattach)/i,
  /^https?:\/\/fs\.(?:163|126)\.com\//i,
  // QQ Mail 超大附件 (file transfer station).
  /^https?:\/\/(?:(?:[\w-]+\.)*mail\.qq\.com\/[^?#]*ftn|(?:[\w-]+\.)*ftn\.qq\.com\/)/i,
  /^https?:\/\/(?:pan|yun)\.baidu\.com\/(?:s\/|share|link)/i,
  /^https?:\/\/share\.weiyun\.com\//i,
  /^https?:\/\/(?:www\.)?(?:aliyundrive|alipan)\.com\/s\//i,
  /^https?:\/\/pan\.quark\.cn\/s\//i,
  /^https?:\/\/(?:[\w-]+\.)*lanzou[a-z]?\.com\//i,
  /^https?:\/\/cloud\.189\.cn\/(?:t\/|web\/share)/i,
  /^https?:\/\/(?:caiyun|yun)\.139\.com\//i,
  /^https?:\/\/pan\.xunlei\.com\/s\//i,
  /^https?:\/\/(?:www\.)?jianguoyun\.com\/p\//i,
  /^https?:\/\/(?:www\.)?115(?:cdn)?\.com\/s\//i,
  /^https?:\/\/(?:www\.)?kdocs\.cn\/l\//i,
  /^https?:\/\/[\w-]+\.feishu\.cn\/(?:file|drive)\//i,
  /^https?:\/\/(?:drive\.google\.com|docs\.google\.com\/uc)\//i,
  /^https?:\/\/(?:1drv\.ms|onedrive\.live\.com)\//i,
  /^https?:\/\/[\w-]+\.sharepoint\.com\/:[a-z]:\//i,
  /^https?:\/\/(?:www\.)?dropbox\.com\/(?:s|scl|sh)\//i,
  /^https?:\/\/(?:we\.tl|(?:www\.)?wetransfer\.com)\//i,
];

// A URL ends at whitespace, quotes, or the first CJK character: in Chinese text the link is often
// followed directly by 提取码 / 密码 with no space.
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;
// Where a reply's quoted history starts in a plain-text body.
const REPLY_QUOTE_START = /^(?:在.{1,80}写道[:：]?\s*$|On .{1,120} wrote:\s*$|-{2,}\s*(?:原始邮件|Original Message)\s*-{2,}|>)/im;
const FORWARD_SUBJECT = /^\s*(?:转发|Fw|Fwd)\s*[:：]/i;

export function isDownloadLink(url: string): boolean {
  return /^https?:\/\//i.test(url) && DOWNLOAD_LINKS.some((re) => re.test(url));
}

function urlsInText(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((m) => m[0].replace(TRAILING_PUNCTUATION, ''));
}

function linksInHtml(html: string, keepQuotes: boolean): string[] {
  const urls: string[] = [];
  let skipDepth = 0;
  const skipped = (name: string, attribs: Record<string, string> = {}): boolean =>
    name === 'style' || name === 'script' || (!keepQuotes && (name === 'blockquote' || attribs.id === 'isReplyContent'));
  const stack: boolean[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const skip = skipped(name, attribs);
        stack.push(skip);
        if (skip) skipDepth++;
        if (skipDepth === 0 && name === 'a' && attribs.href) urls.push(attribs.href.trim());
      },
      onclosetag() {
        if (stack.pop()) skipDepth--;
      },
      ontext(text) {
        if (skipDepth === 0) urls.push(...urlsInText(text));
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return urls;
}

function linksInPlainText(text: string, keepQuotes: boolean): string[] {
  if (keepQuotes) return urlsInText(text);
  const start = REPLY_QUOTE_START.exec(text);
  return urlsInText(start ? text.slice(0, start.index) : text);
}

/** Download links in the body, HTML and plain text, each once, in order of appearance. */
export function findExternalLinks(email: ParsedEmail): string[] {
  const keepQuotes = FORWARD_SUBJECT.test(email.subject ?? '');
  const candidates = [
    ...(email.html ? linksInHtml(email.html, keepQuotes) : []),
    ...(email.text ? linksInPlainText(email.text, keepQuotes) : []),
  ];
  return [...new Set(candidates.filter(isDownloadLink))];
}
