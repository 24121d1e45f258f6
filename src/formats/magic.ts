// Content sniffing shared by the parsers: bytes decide, names only break ties.

export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** An empty zip (end of central directory only) or a spanned one. */
const ZIP_OTHER = [Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.from([0x50, 0x4b, 0x07, 0x08])];
export const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function startsWith(head: Buffer, magic: Buffer, offset = 0): boolean {
  return head.length >= offset + magic.length && head.subarray(offset, offset + magic.length).equals(magic);
}

export function isZip(head: Buffer): boolean {
  return startsWith(head, ZIP_MAGIC) || ZIP_OTHER.some((m) => startsWith(head, m));
}

export function isOle2(head: Buffer): boolean {
  return startsWith(head, OLE2_MAGIC);
}

export function isPdf(head: Buffer): boolean {
  // The header may follow some junk bytes (the spec allows 1024).
  return head.subarray(0, 1024).includes('%PDF-');
}

/**
 * An Excel 2.x-4.0 workbook (or a bare BIFF5/8 stream): no OLE2 container, the file is the BIFF
 * record stream itself and starts with a BOF record. BOF ids 0x0009 (BIFF2), 0x0209 (BIFF3),
 * 0x0409 (BIFF4), 0x0809 (BIFF5/8); then a short length and the version and sheet type words.
 */
export function isBiffStream(head: Buffer): boolean {
  if (head.length < 8 || head[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(head[1])) return false;
  const length = head.readUInt16LE(2);
  const sheetType = head.readUInt16LE(6);
  // Sheet types: 5 workbook globals, 6 VB module, 0x10 worksheet, 0x20 chart, 0x40 macro sheet, 0x100 BIFF4 workbook.
  return length >= 4 && length <= 20 && [0x0005, 0x0006, 0x0010, 0x0020, 0x0040, 0x0100].includes(sheetType);
}

/** An OLE2 directory holds stream names in UTF-16LE; a plain search finds them. */
export function hasOleStream(content: Buffer, name: string): boolean {
  return isOle2(content) && content.includes(Buffer.from(name, 'utf16le'));
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65535. */
const EOCD_SEARCH = 22 + 0xffff + 512;
const MAX_TRAILING = 512;

/** Where the central directory of a zip starts and how many entries it holds, or null. */
function centralDirectory(content: Buffer): { offset: number; count: number } | null {
  const floor = Math.max(0, content.length - EOCD_SEARCH);
  // From the end backwards: a stored member (a zip or .docx inside a zip) carries its own end
  // record in plain bytes, but the outer archive's comes last.
  for (let at = content.length - 22; at >= floor; at--) {
    if (content.readUInt32LE(at) !== EOCD_SIG) continue;
    // The end record (and its comment) must end the file, give or take a little padding: in a
    // truncated zip the nearest end record may be that of a stored inner zip or document.
    const trailing = content.length - (at + 22 + content.readUInt16LE(at + 20));
    if (trailing < 0 || trailing > MAX_TRAILING) continue;
    let count = content.readUInt16LE(at + 10);
    let offset = content.readUInt32LE(at + 16);
    if ((count === 0xffff || offset === 0xffffffff) && at >= 20 && content.readUInt32LE(at - 20) === ZIP64_LOCATOR_SIG) {
      const z64 = Number(content.readBigUInt64LE(at - 12));
      if (z64 + 56 > content.length || content.readUInt32LE(z64) !== ZIP64_EOCD_SIG) continue;
      count = Number(content.readBigUInt64LE(z64 + 32));
      offset = Number(content.readBigUInt64LE(z64 + 48));
    }
    // A zip with a stub before it (self-extractor) has offsets shifted by the stub's length.
    const cdSize = content.readUInt32LE(at + 12);
    const shifted = at - cdSize;
    for (const start of [offset, shifted]) {
      if (start >= 0 && start + 4 <= content.length && content.readUInt32LE(start) === CENTRAL_SIG) return { offset: start, count };
    }
  }
  return null;
}

/**
 * The member names of a zip from its central directory (the archive's own table of contents,
 * not a search of its bytes: a zip whose members are stored uncompressed shows their insides in
 * plain bytes). Null when the file is no zip or its directory cannot be found.
 */
export function zipEntryNames(content: Buffer): string[] | null {
  if (!isZip(content) || content.length < 22) return null;
  const cd = centralDirectory(content);
  if (!cd) return null;
  const names: string[] = [];
  let at = cd.offset;
  for (let i = 0; i < cd.count && at + 46 <= content.length; i++) {
    if (content.readUInt32LE(at) !== CENTRAL_SIG) break;
    const nameLength = content.readUInt16LE(at + 28);
    const extraLength = content.readUInt16LE(at + 30);
    const commentLength = content.readUInt16LE(at + 32);
    // Part names are ASCII; latin1 keeps every other byte one character.
    names.push(content.toString('latin1', at + 46, Math.min(content.length, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const OOXML_MAIN_PARTS: [string, 'docx' | 'xlsx' | 'pptx'][] = [
  ['word/document.xml', 'docx'],
  ['xl/workbook.xml', 'xlsx'],
  ['ppt/presentation.xml', 'pptx'],
];

/**
 * Which OOXML package a zip is: a top-level [Content_Types].xml and the main part, both entries
 * of the zip's own directory (part names are case-insensitive). With `mainPartOnly` the content
 * types part may be missing: a damaged package that a parser may still read.
 */
export function ooxmlKind(content: Buffer, mainPartOnly = false): 'docx' | 'xlsx' | 'pptx' | null {
  const names = zipEntryNames(content);
  if (!names) return null;
  const set = new Set(names.map((n) => n.replace(/^\/+/, '').toLowerCase()));
  if (!mainPartOnly && !set.has('[content_types].xml')) return null;
  for (const [part, kind] of OOXML_MAIN_PARTS) if (set.has(part)) return kind;
  return null;
}

export type ImageType = 'jpeg' | 'png' | 'gif' | 'bmp' | 'tiff' | 'webp' | 'heic';

export function imageType(head: Buffer): ImageType | null {
  if (startsWith(head, Buffer.from([0xff, 0xd8, 0xff]))) return 'jpeg';
  if (startsWith(head, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (startsWith(head, Buffer.from('GIF87a')) || startsWith(head, Buffer.from('GIF89a'))) return 'gif';
  if (startsWith(head, Buffer.from('BM')) && head.length > 26) return 'bmp';
  if (startsWith(head, Buffer.from([0x49, 0x49, 0x2a, 0x00])) || startsWith(head, Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))) return 'tiff';
  if (startsWith(head, Buffer.from('RIFF')) && startsWith(head, Buffer.from('WEBP'), 8)) return 'webp';
  if (startsWith(head, Buffer.from('ftyp'), 4) && /^(heic|heix|mif1|hevc)/.test(head.subarray(8, 12).toString('latin1'))) return 'heic';
  return null;
}

export const RAR_MAGIC = Buffer.from('Rar!\x1a\x07', 'latin1');
export const SEVEN_ZIP_MAGIC = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);

export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}
