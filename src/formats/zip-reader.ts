// Zip archives with yauzl, defensively: names decoded by us (Windows zips store GBK names without
// the UTF-8 flag), limits on member count and decompressed size checked while inflating (declared
// sizes may lie), and a compression-ratio test for zip bombs. Member names are data, never paths.
import yauzl from 'yauzl';
import { parseLimits } from '../config/env.ts';
import { decodeStrict, decodeUnlabelled } from '../mime/decode-text.ts';
import { UnreadableError } from './parser.ts';

export type ZipLimits = {
  maxEntries: number;
  /** Decompressed bytes across the whole email (nested archives included). */
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Decompressed/compressed ratio above which a large member is a bomb. */
  maxRatio: number;
  /**
   * Declared decompressed total / archive size above which an archive whose total passes
   * archiveRatioMinBytes is a bomb: many medium members each below the member test add up.
   */
  maxArchiveRatio: number;
  archiveRatioMinBytes: number;
};

const MB = 1024 * 1024;
/** The limits in force; the total (INTAKE_ARCHIVE_MAX_MB) comes from the validated configuration. */
export function defaultZipLimits(): ZipLimits {
  const totalBytes = parseLimits().archiveMaxBytes;
  return {
    maxEntries: 2000,
    maxTotalBytes: totalBytes,
    maxEntryBytes: Math.min(200 * MB, totalBytes),
    maxRatio: 200,
    maxArchiveRatio: 100,
    archiveRatioMinBytes: 50 * MB,
  };
}

/** A ratio over the limit is harmless for small members (a 2 MB CSV of zeros), not for big ones. */
export const BOMB_MIN_BYTES = 10 * MB;

/**
 * Why an archive is a bomb judged as a whole by its declared sizes, or null. Used by zip, RAR and
 * 7z alike, before anything is decompressed. The member test's threshold applies to the whole too:
 * solid RAR/7z archives give no packed size per member.
 */
export function archiveBombReason(format: string, declaredTotal: number, archiveBytes: number, limits: ZipLimits): string | null {
  const ratio = declaredTotal / Math.max(1, archiveBytes);
  const bomb =
    (declaredTotal > limits.archiveRatioMinBytes && ratio > limits.maxArchiveRatio) ||
    (declaredTotal > BOMB_MIN_BYTES && ratio > limits.maxRatio);
  return bomb ? `${format}: compression ratio ${Math.round(ratio)} (zip bomb)` : null;
}

/** Shared by every archive of one email so that nesting cannot multiply the limits. */
export type ZipBudget = { bytesLeft: number; entriesLeft: number };

export type ZipMember = {
  name: string;
  content: Buffer | null;
  /** Set when the member cannot be extracted (the archive itself is fine). */
  error?: string;
  reason?: UnreadableError['reason'];
};

const UNICODE_PATH_EXTRA = 0x7075;

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  if (entry.generalPurposeBitFlag & 0x800) return decodeStrict(raw, 'utf-8') ?? raw.toString('latin1');
  // Info-ZIP Unicode Path extra field: version(1) crc32(4) utf8 name.
  const extra = entry.extraFields.find((f) => f.id === UNICODE_PATH_EXTRA);
  if (extra && extra.data.length > 5 && extra.data[0] === 1) {
    const name = decodeStrict(extra.data.subarray(5), 'utf-8');
    if (name) return name;
  }
  // No flag: the OEM code page of the machine that made it; for our senders GBK (read as GB18030).
  return decodeUnlabelled(raw) ?? raw.toString('latin1');
}

export function openZip(content: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(content, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    );
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          stream.destroy();
          reject(new UnreadableError('zip: member exceeds the size limit', 'too_large'));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function isJunk(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name) || /(^|\/)Thumbs\.db$/i.test(name);
}

/**
 * Every member with its bytes (or why not). Throws UnreadableError when the archive as a whole is
 * unreadable: corrupt or truncated, over the member/size limits, or a zip bomb.
 */
export async function readZip(content: Buffer, limits: ZipLimits = defaultZipLimits(), budget?: ZipBudget): Promise<ZipMember[]> {
  const left: ZipBudget = budget ?? { bytesLeft: limits.maxTotalBytes, entriesLeft: limits.maxEntries };
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(content);
  } catch (err) {
    throw new UnreadableError(`zip: ${(err as Error).message}`, 'corrupt');
  }
  if (zip.entryCount > left.entriesLeft) {
    zip.close();
    throw new UnreadableError(`zip: ${zip.entryCount} members exceed the limit`, 'too_large');
  }
  const members: ZipMember[] = [];
  try {
    // The directory first, nothing inflated: declared sizes decide whether anything is.
    const entries = await listEntries(zip);
    let declaredTotal = 0;
    for (const { entry } of entries) {
      if (entry.generalPurposeBitFlag & 0x1) continue;
      const declared = entry.uncompressedSize;
      const ratio = declared / Math.max(1, entry.compressedSize);
      if (declared > BOMB_MIN_BYTES && ratio > limits.maxRatio) {
        throw new UnreadableError(`zip: compression ratio ${Math.round(ratio)} (zip bomb)`, 'too_large');
      }
      if (declared > limits.maxEntryBytes) throw new UnreadableError('zip: decompressed size exceeds the limit', 'too_large');
      declaredTotal += declared;
    }
    const bomb = archiveBombReason('zip', declaredTotal, content.length, limits);
    if (bomb) throw new UnreadableError(bomb, 'too_large');
    if (declaredTotal > left.bytesLeft) throw new UnreadableError('zip: decompressed size exceeds the limit', 'too_large');
    for (const { entry, name } of entries) {
      left.entriesLeft--;
      if (entry.generalPurposeBitFlag & 0x1) {
        members.push({ name, content: null, error: 'zip: member is password-protected', reason: 'encrypted' });
        continue;
      }
      // Declared sizes are enforced while inflating (yauzl validates them), and so is the budget.
      const data = await readEntry(zip, entry, Math.min(limits.maxEntryBytes, left.bytesLeft));
      left.bytesLeft -= data.length;
      members.push({ name, content: data });
    }
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    const message = (err as Error).message ?? String(err);
    // yauzl's size validation fires when a header lies about the size: treat like a bomb.
    throw new UnreadableError(`zip: ${message}`, /too many|exceed|size/i.test(message) ? 'too_large' : 'corrupt');
  } finally {
    zip.close();
  }
  return members;
}

/** Every entry of the central directory but junk, with its decoded name; nothing is inflated. */
function listEntries(zip: yauzl.ZipFile): Promise<{ entry: yauzl.Entry; name: string }[]> {
  return new Promise((resolve, reject) => {
    const entries: { entry: yauzl.Entry; name: string }[] = [];
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = decodeName(entry);
      if (!isJunk(name)) entries.push({ entry, name });
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** Member names only (no inflating), for the format registry's view of an archive. */
export async function listZip(content: Buffer): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(content);
  } catch (err) {
    throw new UnreadableError(`zip: ${(err as Error).message}`, 'corrupt');
  }
  const names: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = decodeName(entry);
        if (!isJunk(name)) names.push(name);
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (err) {
    throw new UnreadableError(`zip: ${(err as Error).message}`, 'corrupt');
  } finally {
    zip.close();
  }
  return names;
}
