// RAR (4 and 5) and 7z archives read by 7-Zip compiled to WebAssembly (npm 7z-wasm), entirely in
// memory: the archive is written into the module's in-memory file system, listed, checked against
// the limits by its declared sizes, then extracted. Runs inside a worker thread (sevenzip-thread.ts):
// decompression is CPU-bound and must not stall the event loop.
//
// Member names are data, never paths: 7-Zip's own output paths are redirected to generated names
// (/out/1, /out/2, ...) inside the in-memory file system, which is never mounted on the disk. Each
// output is paired with its listed member and accepted only when its size and CRC32 match, so a
// mis-pairing can only make a member unreadable, never give it another member's bytes.
//
// 7-Zip's RAR decoder derives from unRAR, whose licence forbids using it to re-create the RAR
// compression algorithm; we only read.
import sevenZipPackage from '7z-wasm';
import { crc32 } from 'node:zlib';
import { decodeUnlabelled } from '../mime/decode-text.ts';
import { UnreadableError } from './parser.ts';
import { rarHeaderInfo } from './rar-reader.ts';
import { BOMB_MIN_BYTES, archiveBombReason, type ZipBudget, type ZipLimits, type ZipMember } from './zip-reader.ts';

export type SevenZipFormat = 'rar' | '7z';

export type SevenZipResult = { members: ZipMember[]; bytesUsed: number; entriesUsed: number };

type ListedItem = { path: string; size: number; packed: number | null; crc: number | null; encrypted: boolean; dir: boolean };

const ARCHIVE = '/archive';
const OUT = '/out';
const O_CREAT = 64;
/**
 * Any password: 7-Zip would otherwise prompt on standard input for an encrypted archive. A wrong
 * one makes encrypted data fail its check, which is what we report.
 */
const NO_PASSWORD = '-pintake-no-password';
/** Fatal errors in the listing phase: the archive as a whole cannot be read. */
const FATAL = /Cannot open|Can not open|Unexpected end|Headers Error|Is not archive/i;

class LimitExceeded extends Error {}

type Fs = {
  open(path: string, flags: number | string, mode?: number): { path?: string };
  write(stream: { path?: string }, buffer: ArrayLike<number>, offset: number, length: number, position?: number): number;
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  mkdir(path: string): void;
  [op: string]: unknown;
};

type Engine = { fs: Fs; run(args: string[]): { out: string[]; crashed: boolean } };

async function startEngine(): Promise<Engine> {
  let lines: string[] = [];
  // A CommonJS module: its factory is both module.exports and module.exports.default.
  const module = await sevenZipPackage.default({
    print: (s: string) => lines.push(s),
    printErr: (s: string) => lines.push(s),
    // End of input: 7-Zip must never wait on the parent's terminal for a password or a yes/no.
    stdin: () => null as unknown as number,
  });
  const fs = module.FS as unknown as Fs;
  return {
    fs,
    run(args) {
      lines = [];
      try {
        module.callMain(['-bd', '-y', '-sccUTF-8', NO_PASSWORD, ...args]);
        return { out: lines, crashed: false };
      } catch (err) {
        // Errors our hooks throw end the run at once; C++ exceptions surface as numbers.
        if (err instanceof LimitExceeded) throw err;
        return { out: lines, crashed: true };
      }
    },
  };
}

/** `7z l -slt`: blocks of "Key = Value" lines; the archive's own block comes before "----------". */
function parseListing(out: string[]): { type: string | null; items: ListedItem[]; errors: string[] } {
  const sep = out.indexOf('----------');
  const head = sep < 0 ? out : out.slice(0, sep);
  const type = head.find((l) => l.startsWith('Type = '))?.slice(7) ?? null;
  // Property lines are skipped: a member may be named "Unexpected end.txt".
  const errors = out.filter((l) => !/^[A-Za-z ]+ = /.test(l) && FATAL.test(l));
  const items: ListedItem[] = [];
  if (sep < 0) return { type, items, errors };
  let cur: Record<string, string> = {};
  const flush = (): void => {
    if (cur.Path === undefined) return;
    const num = (v: string | undefined): number | null => (v && /^\d+$/.test(v) ? Number(v) : null);
    items.push({
      path: cur.Path,
      size: num(cur.Size) ?? 0,
      packed: num(cur['Packed Size']),
      crc: cur.CRC && /^[0-9A-F]{8}$/i.test(cur.CRC) ? parseInt(cur.CRC, 16) : null,
      encrypted: cur.Encrypted === '+',
      dir: cur.Folder === '+' || (cur.Attributes ?? '').startsWith('D'),
    });
    cur = {};
  };
  for (const line of out.slice(sep + 1)) {
    const m = /^([A-Za-z ]+?) = (.*)$/.exec(line);
    if (!m) {
      flush();
      continue;
    }
    if (m[1] === 'Path') flush();
    cur[m[1]] = m[2];
  }
  flush();
  return { type, items, errors };
}

function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name) || /(^|\/)Thumbs\.db$/i.test(name);
}

/** The path 7-Zip writes a member to: "." and ".." parts and leading slashes dropped. */
function outputPath(name: string): string {
  return `${OUT}/${name
    .split('/')
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .join('/')}`;
}

/** 7z headers compressed and encrypted (7z -mhe): the encoded header's coder is 7zAES. */
function sevenZipHeadersEncrypted(content: Buffer): boolean {
  if (content.length < 32) return false;
  const offset = 32 + Number(content.readBigUInt64LE(12));
  const size = Number(content.readBigUInt64LE(20));
  if (offset >= content.length || content[offset] !== 0x17) return false;
  return content.subarray(offset, Math.min(content.length, offset + size)).includes(Buffer.from([0x06, 0xf1, 0x07, 0x01]));
}

/** RAR 4 names stored without the Unicode flag are in the sender's code page (GBK for us). */
function rar4Names(content: Buffer, items: ListedItem[]): void {
  const info = rarHeaderInfo(content);
  const files = items.filter((i) => !i.dir);
  if (!info || info.version !== 4 || info.files.length !== files.length) return;
  files.forEach((item, i) => {
    const entry = info.files[i];
    if (entry.unicode) return;
    const name = decodeUnlabelled(entry.rawName);
    if (name) item.path = name.replace(/\\/g, '/');
  });
}

function checkHeaders(format: SevenZipFormat, content: Buffer): void {
  const encrypted = format === 'rar' ? rarHeaderInfo(content)?.headersEncrypted : sevenZipHeadersEncrypted(content);
  if (encrypted) throw new UnreadableError(`${format}: archive is password-protected`, 'encrypted');
}

function checkLimits(format: SevenZipFormat, content: Buffer, files: ListedItem[], limits: ZipLimits, budget: ZipBudget): void {
  if (files.length > budget.entriesLeft) throw new UnreadableError(`${format}: ${files.length} members exceed the limit`, 'too_large');
  let total = 0;
  for (const f of files) {
    if (f.size > limits.maxEntryBytes) throw new UnreadableError(`${format}: decompressed size exceeds the limit`, 'too_large');
    const ratio = f.size / Math.max(1, f.packed ?? f.size);
    if (f.size > BOMB_MIN_BYTES && ratio > limits.maxRatio) {
      throw new UnreadableError(`${format}: compression ratio ${Math.round(ratio)} (zip bomb)`, 'too_large');
    }
    total += f.size;
  }
  // Solid archives give no packed size per member: judge the archive as a whole, as for zip.
  const bomb = archiveBombReason(format, total, content.length, limits);
  if (bomb) throw new UnreadableError(bomb, 'too_large');
  if (total > budget.bytesLeft) throw new UnreadableError(`${format}: decompressed size exceeds the limit`, 'too_large');
}

/**
 * Redirects every file 7-Zip creates under OUT to a generated name (remembering the path it asked
 * for) and stops the run as soon as one file or all together pass the byte limits: declared sizes
 * may lie.
 */
function hookOutputs(fs: Fs, maxEntryBytes: number, maxTotalBytes: number): { requested: string[] } {
  const requested: string[] = [];
  const open = fs.open.bind(fs);
  const write = fs.write.bind(fs);
  const written = new Map<string, number>();
  let total = 0;
  fs.open = (path, flags, mode) => {
    if (typeof path === 'string' && typeof flags === 'number' && flags & O_CREAT && path.startsWith(`${OUT}/`)) {
      requested.push(path);
      return open(`${OUT}/${requested.length}`, flags, mode);
    }
    return open(path, flags, mode);
  };
  fs.write = (stream, buffer, offset, length, position) => {
    const path = stream.path ?? '';
    if (path.startsWith(`${OUT}/`)) {
      const bytes = (written.get(path) ?? 0) + length;
      total += length;
      if (bytes > maxEntryBytes || total > maxTotalBytes) throw new LimitExceeded('decompressed size exceeds the limit');
      written.set(path, bytes);
    }
    return write(stream, buffer, offset, length, position);
  };
  // Setting times and modes on the paths 7-Zip asked for would only fail (nothing is there).
  for (const op of ['utime', 'chmod', 'lchmod']) {
    const original = fs[op] as ((path: string, ...rest: unknown[]) => unknown) | undefined;
    if (!original) continue;
    fs[op] = (path: unknown, ...rest: unknown[]) =>
      typeof path === 'string' && path.startsWith(`${OUT}/`) ? undefined : original.call(fs, path as string, ...rest);
  }
  return { requested };
}

/** Pairs outputs with members by the path 7-Zip asked for, else by extraction order. */
function pairOutputs(files: ListedItem[], requested: string[]): Map<ListedItem, number> {
  const pairs = new Map<ListedItem, number>();
  const pending = files.filter((f) => !f.encrypted);
  requested.forEach((path, i) => {
    let at = pending.findIndex((f) => outputPath(f.path) === path);
    if (at < 0) at = 0;
    const item = pending.splice(at, 1)[0];
    if (item) pairs.set(item, i + 1);
  });
  return pairs;
}

/**
 * Every member with its bytes (or why not). Throws UnreadableError when the archive as a whole is
 * unreadable: encrypted headers, corrupt or truncated, over the member/size limits, a bomb.
 */
export async function readSevenZip(
  format: SevenZipFormat,
  content: Buffer,
  limits: ZipLimits,
  budget: ZipBudget,
  listOnly = false,
): Promise<SevenZipResult> {
  checkHeaders(format, content);
  const engine = await startEngine();
  engine.fs.writeFile(ARCHIVE, content);
  const listed = engine.run(['l', '-slt', '--', ARCHIVE]);
  const listing = parseListing(listed.out);
  if (listed.crashed || !listing.type || listing.errors.length > 0) {
    const why = (listing.errors[0] ?? (listed.crashed ? 'decoder failed' : 'not an archive')).replace(/^.*?: /, '').trim();
    throw new UnreadableError(`${format}: damaged or truncated archive (${why})`, /password/i.test(why) ? 'encrypted' : 'corrupt');
  }
  if (format === 'rar') rar4Names(content, listing.items);
  const files = listing.items.filter((i) => !i.dir && !isJunk(i.path));
  if (listOnly) return { members: files.map((f) => ({ name: f.path, content: null })), bytesUsed: 0, entriesUsed: 0 };
  checkLimits(format, content, files, limits, budget);

  engine.fs.mkdir(OUT);
  const { requested } = hookOutputs(engine.fs, limits.maxEntryBytes, budget.bytesLeft);
  let extracted;
  try {
    extracted = engine.run(['x', `-o${OUT}`, '--', ARCHIVE]);
  } catch (err) {
    if (err instanceof LimitExceeded) throw new UnreadableError(`${format}: ${err.message}`, 'too_large');
    throw err;
  }
  const wrongPassword = extracted.out.filter((l) => /Wrong password/i.test(l));
  const pairs = pairOutputs(files, requested);
  let bytesUsed = 0;
  const members = files.map((f): ZipMember => {
    if (f.encrypted || wrongPassword.some((l) => l.endsWith(` : ${f.path}`))) {
      return { name: f.path, content: null, error: `${format}: member is password-protected`, reason: 'encrypted' };
    }
    const out = pairs.get(f);
    // readFile returns a fresh array: wrapping it keeps one ArrayBuffer per member to transfer.
    const bytes = out === undefined ? null : engine.fs.readFile(`${OUT}/${out}`);
    const data = bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!data || data.length !== f.size || (f.crc !== null && crc32(data) !== f.crc)) {
      return { name: f.path, content: null, error: `${format}: member data is damaged`, reason: 'corrupt' };
    }
    bytesUsed += data.length;
    return { name: f.path, content: data };
  });
  return { members, bytesUsed, entriesUsed: files.length };
}
