// Large text files (.csv, .json, .txt) are read from their head only. They are dataset samples,
// which only need to be recorded as received and known to be readable text; the forms that come
// as text (附件3 saved as CSV) are a few kilobytes. The head is cut at a line end so that no row
// or character is split, and the document says how much was read (`partial`).
import type { PartialRead } from '../types.ts';
import type { ParseInfo } from './parser.ts';

/** Bytes of a text file that are read; the rest is kept in the store, unread. */
export const TEXT_HEAD_BYTES = 2 * 1024 * 1024;

/** The formats read this way: the caller sends only their head to the parse process. */
export const HEAD_ONLY_FORMATS = new Set(['csv', 'json', 'txt']);

function isUtf16(content: Buffer): boolean {
  return (content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff);
}

/** The part of `content` to read and, when that is not all of the file, how much of it. */
export function textHead(content: Buffer, info?: ParseInfo): { head: Buffer; partial?: PartialRead } {
  const total = Math.max(info?.size ?? 0, content.length);
  if (total <= TEXT_HEAD_BYTES && content.length === total) return { head: content };
  let end = Math.min(content.length, TEXT_HEAD_BYTES);
  if (isUtf16(content)) {
    end -= end % 2;
    // A UTF-16 line end is 0A 00 (LE) or 00 0A (BE): cut after the pair.
    const le = content[0] === 0xff;
    for (let i = end - 2; i >= 2; i -= 2) {
      if (content[le ? i : i + 1] === 0x0a && content[le ? i + 1 : i] === 0x00) {
        end = i + 2;
        break;
      }
    }
  } else {
    // 0x0A is never part of a multi-byte UTF-8 or GB18030 character.
    const nl = content.lastIndexOf(0x0a, end - 1);
    if (nl > 0) end = nl + 1;
  }
  return { head: content.subarray(0, end), partial: { unit: 'bytes', read: end, total } };
}
