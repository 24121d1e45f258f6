// Archives as documents: a zip's "text" is its member list (what classification sees); the
// members themselves are unpacked by src/attachments/expand-attachments.ts. RAR and 7z are
// recognized but not opened (no offline registry package is used for them).
import type { ParsedDocument } from '../types.ts';
import { RAR_MAGIC, SEVEN_ZIP_MAGIC, extensionOf, isZip, ooxmlKind, startsWith } from './magic.ts';
import { UnreadableError, type FileProbe, type FormatParser } from './parser.ts';
import { listZip } from './zip-reader.ts';

export const zipParser: FormatParser = {
  format: 'zip',
  confidence(probe: FileProbe): number {
    if (!isZip(probe.head)) return /\.zip$/i.test(probe.filename) ? 0.2 : 0;
    if (ooxmlKind(probe.head) !== null) return 0.05;
    // An Office name on a zip without Office parts is a damaged document more likely than an archive.
    if (/^(docx|docm|xlsx|xlsm|pptx)$/.test(extensionOf(probe.filename))) return 0.3;
    return 0.95;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    const names = await listZip(content);
    return { format: 'zip', blocks: names.map((text) => ({ type: 'paragraph', text })), text: names.join('\n') };
  },
};

function unsupported(format: 'rar' | '7z', magic: Buffer, ext: RegExp): FormatParser {
  return {
    format,
    confidence(probe: FileProbe): number {
      if (startsWith(probe.head, magic)) return 1;
      return ext.test(probe.filename) ? 0.5 : 0;
    },
    async parse(): Promise<ParsedDocument> {
      throw new UnreadableError(`${format}: archive format not supported`, 'unsupported');
    },
  };
}

export const rarParser = unsupported('rar', RAR_MAGIC, /\.rar$/i);
export const sevenZipParser = unsupported('7z', SEVEN_ZIP_MAGIC, /\.7z$/i);
