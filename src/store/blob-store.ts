// Content-addressed store for raw messages and attachments: a file's name is its sha256, under
// two levels of fan-out (ab/cd/<sha256>). Names from emails never become paths, identical bytes
// are stored once, and a write is atomic (temp file + fsync + rename + fsync of the directory) so
// a crash never leaves a half-written blob under a valid name, and a power loss never loses a blob
// whose row was committed after put() returned.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export type StoredBlob = {
  sha256: string;
  size: number;
  /** Path relative to the store root (ab/cd/<sha256>); the store can move without a migration. */
  location: string;
};

export type BlobStore = {
  root: string;
  put(bytes: Buffer): Promise<StoredBlob>;
  /** Throws BlobNotFoundError when absent. */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Absolute path of a blob (for streaming to a client); the sha256 is validated first. */
  pathOf(sha256: string): string;
};

export class BlobNotFoundError extends Error {
  constructor(
    readonly sha256: string,
    readonly root?: string,
  ) {
    // The root is named: a CLI run with another STORAGE_DIR than the service's looks here first.
    super(`blob ${sha256} is not in the store${root ? ` (STORAGE_DIR ${root})` : ''}`);
    this.name = 'BlobNotFoundError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function blobLocation(sha256: string): string {
  // Validation here is the one guard that keeps anything but a hex digest out of a path.
  if (!SHA256.test(sha256)) throw new Error(`not a sha256 digest: ${JSON.stringify(sha256).slice(0, 80)}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * Makes a directory's entries (a rename into it, a new subdirectory) durable. Without it a power
 * loss can undo the rename even though the file's bytes were synced. Platforms that cannot fsync
 * a directory (EISDIR, EINVAL, EPERM on some filesystems/Windows) have nothing more to offer.
 */
export async function fsyncDirectory(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw err;
  } finally {
    await fh.close();
  }
}

export function createBlobStore(dir: string): BlobStore {
  const root = resolve(dir);
  const tmpDir = join(root, 'tmp');
  const pathOf = (sha256: string) => join(root, blobLocation(sha256));

  async function exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async function put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const location = blobLocation(sha256);
    const target = join(root, location);
    const blob = { sha256, size: bytes.length, location };
    const parent = dirname(target);
    if (await exists(target)) {
      // Another writer may have renamed it a moment ago and not yet synced the directory.
      await fsyncDirectory(parent);
      return blob;
    }
    // Returns the first directory it created, if any: those new entries need syncing too.
    const created = await mkdir(parent, { recursive: true });
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${sha256}.${randomUUID()}`);
    const fh = await open(tmp, 'wx', 0o640);
    try {
      await fh.writeFile(bytes);
      // The bytes are durable before the name points at them.
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      // Two writers of the same content race harmlessly: both renames put identical bytes.
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    // Durable before it counts as stored: the caller commits the row that points here next.
    await fsyncDirectory(parent);
    // New fan-out directories: each one's entry lives in its parent, up to the one that already existed.
    if (created) {
      const stop = dirname(created);
      for (let d = dirname(parent); ; d = dirname(d)) {
        await fsyncDirectory(d);
        if (d === stop || d === root || dirname(d) === d) break;
      }
    }
    return blob;
  }

  async function get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256, root);
      throw err;
    }
  }

  return { root, put, get, has: (sha256) => exists(pathOf(sha256)), pathOf };
}
