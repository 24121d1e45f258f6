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

/** An OLE2 directory holds stream names in UTF-16LE; a plain search finds them. */
export function hasOleStream(content: Buffer, name: string): boolean {
  return isOle2(content) && content.includes(Buffer.from(name, 'utf16le'));
}

/** Which OOXML package a zip is, from the part names stored in plain text in its directory. */
export function ooxmlKind(content: Buffer): 'docx' | 'xlsx' | 'pptx' | null {
  if (!isZip(content)) return null;
  if (content.includes('word/document.xml')) return 'docx';
  if (content.includes('xl/workbook.xml')) return 'xlsx';
  if (content.includes('ppt/presentation.xml')) return 'pptx';
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
