import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, blobLocation, createBlobStore, fsyncDirectory, sha256Hex } from '../../../src/store/blob-store.ts';

const dirs: string[] = [];
function store() {
  const dir = mkdtempSync(join(tmpdir(), 'blob-store-'));
  dirs.push(dir);
  return createBlobStore(dir);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('blob store', () => {
  it('stores by sha256 under two fan-out levels and reads it back', async () => {
    const s = store();
    const bytes = Buffer.from('附件1-基本信息征集表.docx bytes');
    const blob = await s.put(bytes);
    expect(blob.sha256).toBe(sha256Hex(bytes));
    expect(blob.size).toBe(bytes.length);
    expect(blob.location).toBe(`${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`);
    expect(await s.get(blob.sha256)).toEqual(bytes);
    expect(await s.has(blob.sha256)).toBe(true);
  });

  it('is idempotent and leaves no temp files, also under concurrent writers', async () => {
    const s = store();
    const bytes = Buffer.alloc(64 * 1024, 7);
    const results = await Promise.all(Array.from({ length: 8 }, () => s.put(bytes)));
    expect(new Set(results.map((r) => r.location)).size).toBe(1);
    expect(readdirSync(join(s.root, 'tmp'))).toEqual([]);
    await s.put(bytes);
    expect(await s.get(results[0]!.sha256)).toEqual(bytes);
  });

  it('stores empty content (a 0-byte attachment is still evidence)', async () => {
    const s = store();
    const blob = await s.put(Buffer.alloc(0));
    expect(blob.size).toBe(0);
    expect((await s.get(blob.sha256)).length).toBe(0);
  });

  it('refuses anything but a sha256 as a key, so a file name can never become a path', async () => {
    const s = store();
    expect(() => blobLocation('../../etc/passwd')).toThrow(/not a sha256/);
    await expect(s.get('../../etc/passwd')).rejects.toThrow(/not a sha256/);
    expect(() => s.pathOf('A'.repeat(64))).toThrow();
  });

  it('reports a missing blob with a typed error', async () => {
    const s = store();
    await expect(s.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});

describe('fsyncDirectory', () => {
  it('syncs a real directory and reports a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsync-dir-'));
    try {
      await expect(fsyncDirectory(dir)).resolves.toBeUndefined();
      await expect(fsyncDirectory(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
