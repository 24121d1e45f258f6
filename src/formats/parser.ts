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
  /** Throws UnreadableError for encrypted/corrupt/unsupported content. */
  parse(content: Buffer): Promise<ParsedDocument>;
};

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
