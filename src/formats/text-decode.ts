// Text files from Chinese Windows machines: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK.
import { decodeLenient, decodeStrict } from '../mime/decode-text.ts';

export function decodeTextFile(content: Buffer): string {
  if (content.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return content.subarray(3).toString('utf8');
  if (content.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))) return decodeLenient(content.subarray(2), 'utf-16le');
  if (content.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))) return decodeLenient(content.subarray(2), 'utf-16be');
  return decodeStrict(content, 'utf-8') ?? decodeStrict(content, 'gb18030') ?? decodeLenient(content, 'gb18030');
}

/** Heuristic: mostly printable text, no NUL bytes in the first 8 KB (UTF-16 is caught by its BOM). */
export function looksLikeText(head: Buffer): boolean {
  const sample = head.subarray(0, 8192);
  if (sample.length === 0) return false;
  if (sample[0] === 0xff && sample[1] === 0xfe) return true;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control / sample.length < 0.01;
}
