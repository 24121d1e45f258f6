// Archives as documents: an archive's "text" is its member list (what classification sees); the
// members themselves are unpacked by src/attachments/expand-attachments.ts through readArchive.
// Zip is read by yauzl (zip-reader.ts); RAR 4/5 and 7z by 7-Zip compiled to WebAssembly, in a
// worker thread (sevenzip-thread.ts). All share one set of limits and one budget per email.
import type { DocFormat, ParsedDocument } from '../types.ts';
import { RAR_MAGIC, SEVEN_ZIP_MAGIC, extensionOf, isZip, ooxmlKind, startsWith } from './magic.ts';
import { type FileProbe, type FormatParser } from './parser.ts';
import { runSevenZip } from './sevenzip-thread.ts';
import { defaultZipLimits, listZip, readZip, type ZipBudget, type ZipLimits, type ZipMember } from './zip-reader.ts';

export type ArchiveFormat = 'zip' | 'rar' | '7z';

export function isArchiveFormat(format: DocFormat | undefined): format is ArchiveFormat {
  return format === 'zip' || format === 'rar' || format === '7z';
}

export const ARCHIVE_CONTENT_TYPES: Record<ArchiveFormat, string> = {
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
};

/**
 * Every member of an archive with its bytes (or why not). Throws UnreadableError when the archive
 * as a whole is unreadable: encrypted headers, corrupt or truncated, over the limits, a bomb.
 */
export async function readArchive(
  format: ArchiveFormat,
  content: Buffer,
  limits: ZipLimits = defaultZipLimits(),
  budget: ZipBudget = { bytesLeft: limits.maxTotalBytes, entriesLeft: limits.maxEntries },
): Promise<ZipMember[]> {
  if (format === 'zip') return readZip(content, limits, budget);
  const { members } = await runSevenZip({ format, content, limits, budget, listOnly: false });
  return members;
}

export function archiveMemberList(format: ArchiveFormat, names: string[]): ParsedDocument {
  return { format, blocks: names.map((text) => ({ type: 'paragraph', text })), text: names.join('\n') };
}

export const zipParser: FormatParser = {
  format: 'zip',
  confidence(probe: FileProbe): number {
    if (!isZip(probe.head)) return /\.zip$/i.test(probe.filename) ? 0.2 : 0;
    if (ooxmlKind(probe.head) !== null) return 0.05;
    // An Office main part without its content types, or an Office name on a zip without Office
    // parts: the document parser goes first. Only the latter falls back to this one when it fails
    // (registry.ts asArchive): a package with its main part is an Office file, readable or not.
    if (ooxmlKind(probe.head, true) !== null) return 0.3;
    if (/^(docx|docm|xlsx|xlsm|pptx)$/.test(extensionOf(probe.filename))) return 0.3;
    return 0.95;
  },
  async parse(content: Buffer): Promise<ParsedDocument> {
    return archiveMemberList('zip', await listZip(content));
  },
};

function sevenZipEngineParser(format: 'rar' | '7z', magic: Buffer, ext: RegExp): FormatParser {
  return {
    format,
    confidence(probe: FileProbe): number {
      if (startsWith(probe.head, magic)) return 1;
      return ext.test(probe.filename) ? 0.5 : 0;
    },
    async parse(content: Buffer): Promise<ParsedDocument> {
      const limits = defaultZipLimits();
      const budget = { bytesLeft: limits.maxTotalBytes, entriesLeft: limits.maxEntries };
      const { members } = await runSevenZip({ format, content, limits, budget, listOnly: true });
      return archiveMemberList(
        format,
        members.map((m) => m.name),
      );
    },
  };
}

export const rarParser = sevenZipEngineParser('rar', RAR_MAGIC, /\.rar$/i);
export const sevenZipParser = sevenZipEngineParser('7z', SEVEN_ZIP_MAGIC, /\.7z$/i);
