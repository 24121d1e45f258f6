// Every file of an email: each MIME attachment followed by its archive members (depth first,
// nested archives included), each parsed in the worker pool and marked readable or not. A bad
// file only ever makes itself unreadable.
import { ARCHIVE_CONTENT_TYPES, archiveMemberList, isArchiveFormat, readArchive, type ArchiveFormat } from '../formats/archive.ts';
import { detectFormat, formatFromName } from '../formats/registry.ts';
import { defaultZipLimits, type ZipBudget, type ZipLimits } from '../formats/zip-reader.ts';
import { UnreadableError } from '../formats/parser.ts';
import { HEAD_ONLY_FORMATS, TEXT_HEAD_BYTES } from '../formats/text-head.ts';
import { makeFoundFile } from '../mime/found-file.ts';
import type { FoundFile, ParsedDocument } from '../types.ts';
import { sharedParsePool, type ParsePool } from './parse-pool.ts';

export type ExpandOptions = {
  zipLimits?: ZipLimits;
  /** Archives inside archives deeper than this are listed but not opened. */
  maxDepth?: number;
  pool?: ParsePool;
};

const DEFAULT_MAX_DEPTH = 3;

const CONTENT_TYPE_BY_FORMAT: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
  json: 'application/json',
  txt: 'text/plain',
  ...ARCHIVE_CONTENT_TYPES,
};

function addParseTime(file: FoundFile, ms: number): void {
  file.parseMs = Math.round((file.parseMs ?? 0) + ms);
}

function markUnreadable(file: FoundFile, error: string, reason?: FoundFile['unreadableReason']): void {
  file.readable = false;
  file.error = error;
  if (reason) file.unreadableReason = reason;
}

export async function expandAttachments(attachments: FoundFile[], opts: ExpandOptions = {}): Promise<FoundFile[]> {
  const limits = opts.zipLimits ?? defaultZipLimits();
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  const pool = opts.pool ?? sharedParsePool();
  const budget: ZipBudget = { bytesLeft: limits.maxTotalBytes, entriesLeft: limits.maxEntries };
  const files: FoundFile[] = [];
  const parses: Promise<void>[] = [];

  const add = async (file: FoundFile): Promise<void> => {
    const index = files.push(file) - 1;
    // Already judged while reading the MIME structure (a forward nested too deep, the unread rest of a message).
    if (file.readable === false) return;
    if (file.size === 0) {
      file.format = formatFromName(file.filename);
      return markUnreadable(file, 'empty file', 'empty');
    }
    const format = detectFormat(file);
    file.format = format;
    if (!isArchiveFormat(format)) {
      // An Office file that fails to parse but is a sound zip comes back as an archive.
      parses.push(
        parseInPool(file, pool).then((archive) => {
          if (!archive) return;
          if (file.depth > 0 && file.depth >= maxDepth) {
            file.format = archive;
            return markUnreadable(file, `archive nested deeper than ${maxDepth} levels`, 'nested');
          }
          return expandArchive(file, index, archive);
        }),
      );
      return;
    }
    await expandArchive(file, index, format);
  };

  const expandArchive = async (file: FoundFile, index: number, format: ArchiveFormat): Promise<void> => {
    file.format = format;
    let members;
    const started = performance.now();
    try {
      // Zip, RAR and 7z alike: nested archives of any of them recurse through add().
      members = await readArchive(format, file.content, limits, budget);
    } catch (err) {
      return markUnreadable(file, err instanceof UnreadableError ? err.message : String(err), (err as UnreadableError).reason);
    } finally {
      // Listing the archive is its parse (an Office file that turned out a zip adds this to its failed parse).
      addParseTime(file, performance.now() - started);
    }
    file.readable = true;
    const names = members.map((m) => m.name);
    file.parsed = archiveMemberList(format, names);
    for (const m of members) {
      const child = makeFoundFile(m.name, '', m.content ?? Buffer.alloc(0), index, file.depth + 1);
      if (m.content === null) {
        files.push(child);
        child.format = formatFromName(m.name);
        markUnreadable(child, m.error ?? 'cannot extract', m.reason);
        continue;
      }
      const childFormat = detectFormat(child);
      child.contentType = CONTENT_TYPE_BY_FORMAT[childFormat] ?? 'application/octet-stream';
      if (isArchiveFormat(childFormat) && child.depth >= maxDepth) {
        files.push(child);
        child.format = childFormat;
        markUnreadable(child, `archive nested deeper than ${maxDepth} levels`, 'nested');
        continue;
      }
      await add(child);
    }
  };

  for (const a of attachments) await add(a);
  // Archives found by a failed Office parse add more parses while these run.
  while (parses.length > 0) await Promise.all(parses.splice(0));
  return files;
}

/** Parses one file; returns the archive format when the file turned out to be an archive. */
async function parseInPool(file: FoundFile, pool: ParsePool): Promise<ArchiveFormat | null> {
  // A large text file goes to the parse process as its head only: that is all it reads of it.
  const headOnly = HEAD_ONLY_FORMATS.has(file.format ?? '') && file.content.length > TEXT_HEAD_BYTES;
  const content = headOnly ? file.content.subarray(0, TEXT_HEAD_BYTES) : file.content;
  const result = await pool.parse({ filename: file.filename, contentType: file.contentType, content, size: file.content.length });
  if (result.parseMs !== null) addParseTime(file, result.parseMs);
  if (isArchiveFormat(result.format)) return result.format;
  if (result.format !== 'unknown') file.format = result.format;
  if (result.parsed) {
    file.parsed = result.parsed as ParsedDocument;
    file.readable = true;
    return null;
  }
  markUnreadable(file, result.error ?? 'unreadable', result.reason);
  return null;
}
