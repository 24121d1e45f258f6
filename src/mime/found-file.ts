import { createHash } from 'node:crypto';
import type { FoundFile } from '../types.ts';

/** A file as first seen: hashed, sized, not yet parsed or classified. */
export function makeFoundFile(
  filename: string,
  contentType: string,
  content: Buffer,
  parentIndex: number | null = null,
  depth = 0,
): FoundFile {
  return {
    filename,
    contentType,
    content,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    parentIndex,
    depth,
  };
}
