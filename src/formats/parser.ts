import type { DocFormat, ParsedDocument } from '../types.ts';

/** What a parser is shown to decide whether it handles a file. Names are hints, bytes decide. */
export type FileProbe = { filename: string; contentType: string; head: Buffer; size: number };

/**
 * One module per format implements this. The registry asks every parser how sure it is
 * (0 = not mine, 1 = certain, from magic bytes first and the name second) and runs the best.
 */
export type FormatParser = {
  format: DocFormat;
  confidence(probe: FileProbe): number;
  /**
   * Throws UnreadableError for encrypted/corrupt/unsupported content. `info.size` is the whole
   * file's size when `content` is only its head (large text files: see text-head.ts).
   */
  parse(content: Buffer, info?: ParseInfo): Promise<ParsedDocument>;
};

export type ParseInfo = { size: number };

/** A file that cannot be read: corrupt, encrypted, truncated, empty, a zip bomb, unsupported. */
export class UnreadableError extends Error {
  constructor(
    message: string,
    readonly reason: 'encrypted' | 'corrupt' | 'empty' | 'too_large' | 'unsupported' | 'timeout' = 'corrupt',
  ) {
    super(message);
    this.name = 'UnreadableError';
  }
}

/**
 * What a parser throws when the memory limit refuses an allocation it survives (a Buffer or
 * ArrayBuffer), or when a string or array would pass V8's own maximum: the file is too large to
 * read, not damaged.
 */
export function isOutOfMemory(err: unknown): boolean {
  return err instanceof RangeError && /allocation failed|Invalid (string|array|typed array) length|string longer than/i.test(err.message);
}
