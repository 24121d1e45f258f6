// The file name of a MIME attachment. mailparser decodes RFC 2047 and RFC 2231 names by their
// charset and raw 8-bit names as UTF-8 when they are valid UTF-8; raw 8-bit bytes that are not
// UTF-8 (legacy clients writing GBK names unencoded) it hands over as latin1 mojibake. Only those
// are decoded again: re-decoding a name that was decoded right turns 2021_Mängelliste.xlsx
// (=?iso-8859-1?Q?...?=) or a raw UTF-8 ciéle.txt into GB18030 nonsense (M鋘gel, ci雔e).
import type { Attachment } from 'mailparser';
import { repairLatin1Mojibake } from './decode-text.ts';

const EXTENSION_BY_TYPE: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'message/rfc822': '.eml',
};

/**
 * Whether mailparser's name is raw header bytes read as latin1: then those exact bytes are in the
 * message. A name decoded from an encoded form or from UTF-8 has other bytes there (=E4, %E4,
 * C3 A9). A name folded across header lines is missed and kept as mailparser decoded it.
 */
function cameUndecoded(name: string, source: Buffer): boolean {
  return source.includes(Buffer.from(name, 'latin1'));
}

/** `source`: the raw message the attachment was parsed from (the forwarded one for its files). */
export function attachmentName(a: Attachment, index: number, source: Buffer): string {
  if (a.filename) {
    const repaired = repairLatin1Mojibake(a.filename);
    return repaired !== a.filename && cameUndecoded(a.filename, source) ? repaired : a.filename;
  }
  return `attachment-${index + 1}${EXTENSION_BY_TYPE[a.contentType.toLowerCase()] ?? ''}`;
}
